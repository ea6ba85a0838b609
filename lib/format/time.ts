/**
 * Human wording for spans of time, shared by pages and their tests. Pure: no clock,
 * no locale; callers pass `now` so that a ticking component re-renders with new text.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span as its two largest units: "2d 3h", "1h 59m", "4m 12s", "42s". Never negative. */
export function formatSpan(ms: number): string {
  const span = Math.max(0, ms);
  if (span >= DAY) {
    const days = Math.floor(span / DAY);
    const hours = Math.floor((span % DAY) / HOUR);
    return hours ? `${days}d ${hours}h` : `${days}d`;
  }
  if (span >= HOUR) {
    const hours = Math.floor(span / HOUR);
    const minutes = Math.floor((span % HOUR) / MINUTE);
    return minutes ? `${hours}h ${minutes}m` : `${hours}h`;
  }
  if (span >= MINUTE) {
    const minutes = Math.floor(span / MINUTE);
    const seconds = Math.floor((span % MINUTE) / 1000);
    return seconds ? `${minutes}m ${seconds}s` : `${minutes}m`;
  }
  return `${Math.floor(span / 1000)}s`;
}

/** "expires in 1h 59m", or "expired" once the moment has passed. */
export function expiresIn(expiresAt: string | Date, now: Date): string {
  const left = new Date(expiresAt).getTime() - now.getTime();
  return left > 0 ? `expires in ${formatSpan(left)}` : "expired";
}

/** How long ago, coarsely: "just now", "5 min ago", "3 h ago", "2 days ago". */
export function timeAgo(at: string | Date, now: Date): string {
  const ago = now.getTime() - new Date(at).getTime();
  if (ago < 45_000) return "just now";
  if (ago < HOUR) return `${Math.max(1, Math.round(ago / MINUTE))} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  const days = Math.floor(ago / DAY);
  return days === 1 ? "yesterday" : `${days} days ago`;
}

/** How long something has waited: "waiting 3h 12m". */
export function waitingFor(since: string | Date, now: Date): string {
  return formatSpan(now.getTime() - new Date(since).getTime());
}

/**
 * An exact moment in the viewer's own time zone, with the zone named:
 * "Fri, 4 Dec 2026, 22:14:05 CET". `timeZone` is for tests; browsers use their own.
 */
export function formatDateTime(at: string | Date, opts: { timeZone?: string; seconds?: boolean } = {}): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(opts.seconds ? { second: "2-digit" } : {}),
    timeZoneName: "short",
    timeZone: opts.timeZone,
  }).format(new Date(at));
}

/** A compact date-time for tables: "4 Dec, 22:14". */
export function formatShortDateTime(at: string | Date, opts: { timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: opts.timeZone,
  }).format(new Date(at));
}
