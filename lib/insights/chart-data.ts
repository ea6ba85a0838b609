/**
 * Shapes the insights API's rows for charts and their data tables. Pure: the same
 * numbers feed the chart and the table, so the accessible view never disagrees.
 */

/** The time windows the insights page offers, in days. */
export const RANGES = [7, 30, 90] as const;

export const STATUS_ORDER = ["APPROVED", "EXECUTED", "PENDING", "REJECTED", "REVOKED", "EXPIRED"] as const;
export type ChartStatus = (typeof STATUS_ORDER)[number];

export type DayRow = { day: string; label: string; total: number } & Record<ChartStatus, number>;

const DAY_MS = 24 * 3600 * 1000;

/** "2026-12-04" for a moment, in UTC (the API groups by UTC day). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** "4 Dec" for a UTC day. */
export function dayLabel(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** One row per day from `since` to `now` (days without requests included, as zeros), a column per status. */
export function requestsPerDaySeries(rows: readonly { day: string; status: string; count: number }[], since: Date, now: Date): DayRow[] {
  const byDay = new Map<string, DayRow>();
  const empty = (day: string): DayRow => ({ day, label: dayLabel(day), total: 0, APPROVED: 0, EXECUTED: 0, PENDING: 0, REJECTED: 0, REVOKED: 0, EXPIRED: 0 });
  for (let t = Date.parse(`${utcDay(since)}T00:00:00Z`); t <= now.getTime(); t += DAY_MS) {
    const day = utcDay(new Date(t));
    byDay.set(day, empty(day));
  }
  for (const r of rows) {
    const row = byDay.get(r.day) ?? byDay.set(r.day, empty(r.day)).get(r.day)!;
    if ((STATUS_ORDER as readonly string[]).includes(r.status)) row[r.status as ChartStatus] += r.count;
    row.total += r.count;
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Requests per status over the whole window. */
export function statusTotals(series: readonly DayRow[]): Record<ChartStatus, number> & { total: number } {
  const totals = { total: 0, APPROVED: 0, EXECUTED: 0, PENDING: 0, REJECTED: 0, REVOKED: 0, EXPIRED: 0 };
  for (const row of series) {
    totals.total += row.total;
    for (const s of STATUS_ORDER) totals[s] += row[s];
  }
  return totals;
}

/** A span in seconds as people read it: "45s", "3m 20s", "2h 5m", "1d 4h". */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s / 60}m`;
  if (s < 86400) {
    const m = Math.round((s % 3600) / 60);
    return m ? `${Math.floor(s / 3600)}h ${m}m` : `${Math.floor(s / 3600)}h`;
  }
  const h = Math.round((s % 86400) / 3600);
  return h ? `${Math.floor(s / 86400)}d ${h}h` : `${Math.floor(s / 86400)}d`;
}
