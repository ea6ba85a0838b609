import { z } from "zod";
import { db, type Db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { requireAdmin, type Actor } from "@/lib/permissions";

export const insightsQuery = z.object({
  days: z.coerce.number({ error: "days must be a number" }).int().min(1, "days must be 1 to 365").max(365, "days must be 1 to 365").default(30),
});

export type Insights = {
  since: string;
  requestsPerDay: { day: string; status: string; count: number }[];
  timeToDecision: { connection: string; decided: number; medianSeconds: number; p90Seconds: number }[];
  activeGrants: { connection: string; count: number }[];
  topRequesters: { email: string; name: string | null; count: number }[];
  topConnections: { connection: string; count: number }[];
  emergencies: { id: string; connection: string; requester: string; createdAt: string; reviewed: boolean }[];
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * The window is `created_at >= since`. It splits where the daily rollups take over: the
 * partial first UTC day is read from access_requests (its created_at index, at most a day of
 * rows), every later day from the rollups (prisma/migrations/20261204090000_insight_rollups).
 */
export type InsightWindow = { since: Date; firstDay: string; firstDayStart: Date };

export function insightWindow(now: Date, days: number): InsightWindow {
  const since = new Date(now.getTime() - days * DAY_MS);
  const midnight = Math.floor(since.getTime() / DAY_MS) * DAY_MS;
  const firstDayStart = new Date(midnight === since.getTime() ? midnight : midnight + DAY_MS);
  return { since, firstDay: firstDayStart.toISOString().slice(0, 10), firstDayStart };
}

/**
 * The five statements behind the insights, named (the benchmark explains and times them).
 * Counts come from the daily rollups: their rows in the window plus the deltas the sweep has
 * not folded yet, read in one snapshot, so they equal a count over access_requests while
 * reading a few rows per day and key. None reads access_requests beyond the partial first
 * day, except through the small indexes of live grants and break-glass grants.
 */
export function insightStatements(w: InsightWindow, now: Date) {
  const day = Prisma.sql`${w.firstDay}::date`;
  const partialDay = Prisma.sql`created_at >= ${w.since} AND created_at < ${w.firstDayStart}`;
  return {
    /** Requests per day by status, and the ten connections with the most requests: one pass. */
    counts: Prisma.sql`
      WITH facts AS (
        SELECT day, connection_id, status, requests AS n FROM request_day_counts WHERE day >= ${day}
        UNION ALL
        SELECT day, connection_id, status, n FROM insight_deltas WHERE kind = 1 AND day >= ${day}
        UNION ALL
        SELECT created_at::date, connection_id, status, 1 FROM access_requests WHERE ${partialDay}
      ), totals AS (
        SELECT day, status, connection_id, GROUPING(connection_id) AS per_day, sum(n) AS n
        FROM facts GROUP BY GROUPING SETS ((day, status), (connection_id)) HAVING sum(n) <> 0
      )
      SELECT 'day' AS part, to_char(day, 'YYYY-MM-DD') AS key, status::text AS status, n AS count, row_number() OVER (ORDER BY day, status::text) AS ord
      FROM totals WHERE per_day = 1
      UNION ALL
      (SELECT 'connection', c.name, NULL, t.n, row_number() OVER (ORDER BY t.n DESC, c.name)
       FROM totals t JOIN connections c ON c.id = t.connection_id WHERE t.per_day = 0 ORDER BY t.n DESC, c.name LIMIT 10)`,
    requesters: Prisma.sql`
      WITH facts AS (
        SELECT requester_id, requests AS n FROM requester_day_counts WHERE day >= ${day}
        UNION ALL
        SELECT requester_id, n FROM insight_deltas WHERE kind = 2 AND day >= ${day}
        UNION ALL
        SELECT requester_id, 1 FROM access_requests WHERE ${partialDay}
      ), totals AS (
        SELECT requester_id, sum(n) AS n FROM facts GROUP BY requester_id HAVING sum(n) <> 0
      )
      SELECT u.email, u.name, t.n AS count FROM totals t JOIN users u ON u.id = t.requester_id ORDER BY t.n DESC, u.email LIMIT 10`,
    /** Median and p90 per connection, from the narrow request_decisions (times precomputed). */
    decisions: Prisma.sql`
      SELECT c.name AS connection, t.decided, t.p[1] / 1000 AS median, t.p[2] / 1000 AS p90 FROM (
        -- Grouped by bytes ("C"): the order of the groups does not matter, only who is in them.
        SELECT connection_id COLLATE "C" AS connection_id, count(*) AS decided,
          percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY decision_ms) AS p
        FROM request_decisions WHERE created_at >= ${w.since}
        GROUP BY 1
      ) t JOIN connections c ON c.id = t.connection_id ORDER BY c.name`,
    /** Live grants now: access_requests_status_expires_at_idx. */
    active: Prisma.sql`
      SELECT c.name AS connection, count(*) AS count
      FROM access_requests r JOIN connections c ON c.id = r.connection_id
      WHERE r.status = 'APPROVED' AND r.expires_at > ${now} AND r.extends_request_id IS NULL
        AND (r.starts_at IS NULL OR r.starts_at <= ${now})
      GROUP BY c.name ORDER BY count DESC, c.name`,
    /** Break-glass grants in the window, newest first: access_requests_emergency_reviewed_at_created_at_idx. */
    emergencies: Prisma.sql`
      SELECT r.id, c.name AS connection, u.email AS requester, r.created_at, r.reviewed_at
      FROM access_requests r JOIN connections c ON c.id = r.connection_id JOIN users u ON u.id = r.requester_id
      WHERE r.emergency AND r.created_at >= ${w.since}
      ORDER BY r.created_at DESC LIMIT 50`,
  };
}

/**
 * Admin insights over the last `days`: requests per day by status, time to decision per
 * connection, live grants, top requesters and connections, emergencies (see
 * insightStatements). `client` lets a caller read inside its own transaction.
 */
export async function getInsights(actor: Actor, raw: unknown, now = new Date(), client: Db | Tx = db()): Promise<Insights> {
  requireAdmin(actor, "see insights");
  const { days } = parseInput(insightsQuery, raw);
  const w = insightWindow(now, days);
  const q = insightStatements(w, now);
  const [counts, decisions, active, requesters, emergencies] = await Promise.all([
    client.$queryRaw<{ part: "day" | "connection"; key: string; status: string | null; count: bigint; ord: bigint }[]>(q.counts),
    client.$queryRaw<{ connection: string; decided: bigint; median: number; p90: number }[]>(q.decisions),
    client.$queryRaw<{ connection: string; count: bigint }[]>(q.active),
    client.$queryRaw<{ email: string; name: string | null; count: bigint }[]>(q.requesters),
    client.$queryRaw<{ id: string; connection: string; requester: string; created_at: Date; reviewed_at: Date | null }[]>(q.emergencies),
  ]);
  const part = (name: string) => counts.filter((r) => r.part === name).sort((a, b) => Number(a.ord - b.ord));
  return {
    since: w.since.toISOString(),
    requestsPerDay: part("day").map((r) => ({ day: r.key, status: r.status!, count: Number(r.count) })),
    timeToDecision: decisions.map((r) => ({
      connection: r.connection,
      decided: Number(r.decided),
      medianSeconds: Math.round(Number(r.median)),
      p90Seconds: Math.round(Number(r.p90)),
    })),
    activeGrants: active.map((r) => ({ connection: r.connection, count: Number(r.count) })),
    topRequesters: requesters.map((r) => ({ email: r.email, name: r.name, count: Number(r.count) })),
    topConnections: part("connection").map((r) => ({ connection: r.key, count: Number(r.count) })),
    emergencies: emergencies.map((r) => ({
      id: r.id,
      connection: r.connection,
      requester: r.requester,
      createdAt: r.created_at.toISOString(),
      reviewed: r.reviewed_at !== null,
    })),
  };
}

