"use client";

import { useNow } from "@/components/time/use-now";
import { expiresIn, formatDateTime, formatShortDateTime, formatSpan, timeAgo } from "@/lib/format/time";

/** An exact moment in the viewer's time zone; the server renders UTC until the browser takes over. */
export function LocalDateTime({ at, seconds, short, className }: { at: string; seconds?: boolean; short?: boolean; className?: string }) {
  const now = useNow();
  const text = short
    ? formatShortDateTime(at, now ? {} : { timeZone: "UTC" })
    : formatDateTime(at, { seconds, ...(now ? {} : { timeZone: "UTC" }) });
  return (
    <time dateTime={at} className={className} title={now ? formatDateTime(at, { seconds: true }) : undefined}>
      {text}
    </time>
  );
}

/** "3 min ago", kept current. */
export function TimeAgo({ at, className }: { at: string; className?: string }) {
  const now = useNow();
  return (
    <time dateTime={at} className={className} title={now ? formatDateTime(at, { seconds: true }) : undefined}>
      {now ? timeAgo(at, now) : formatShortDateTime(at, { timeZone: "UTC" })}
    </time>
  );
}

/** "expires in 1h 59m", ticking every second. */
export function ExpiresIn({ at, className }: { at: string; className?: string }) {
  const now = useNow();
  return (
    <span className={className} data-testid="countdown">
      {now ? expiresIn(at, now) : "\u00a0"}
    </span>
  );
}

/** A live span since a moment: "3h 12m". */
export function Elapsed({ since, className }: { since: string; className?: string }) {
  const now = useNow();
  return <span className={className}>{now ? formatSpan(now.getTime() - new Date(since).getTime()) : "\u00a0"}</span>;
}
