import {
  BanIcon,
  CheckIcon,
  CircleDotIcon,
  ClipboardCheckIcon,
  ClockIcon,
  InfoIcon,
  LogOutIcon,
  PlusIcon,
  SirenIcon,
  TimerOffIcon,
  TimerResetIcon,
  XIcon,
  type LucideIcon,
} from "lucide-react";
import { LocalDateTime, TimeAgo } from "@/components/time/time-labels";
import { describeEvent } from "@/lib/audit/describe-event";
import { cn } from "@/lib/utils";

type TimelineEvent = { id: string; action: string; at: string; actor: string | null; data: unknown };

const ICONS: Record<string, LucideIcon> = {
  "request.created": PlusIcon,
  "request.approval_added": CheckIcon,
  "request.approved": CheckIcon,
  "request.force_approved": CheckIcon,
  "request.rejected": XIcon,
  "request.revoked": BanIcon,
  "request.expired": ClockIcon,
  "request.timed_out": TimerOffIcon,
  "request.extension_requested": TimerResetIcon,
  "request.extended": TimerResetIcon,
  "request.released": LogOutIcon,
  "request.emergency_opened": SirenIcon,
  "request.emergency_reviewed": ClipboardCheckIcon,
};

const TONE = {
  neutral: "bg-muted text-muted-foreground",
  good: "bg-success/15 text-success",
  bad: "bg-destructive/12 text-destructive",
  info: "bg-primary/12 text-primary",
};

/** A request's audit events, oldest first, in words; people's own text shown as text. */
export function Timeline({ events, names }: { events: TimelineEvent[]; names: Map<string, string> }) {
  if (events.length === 0) return <p className="text-sm text-muted-foreground">No events yet.</p>;
  return (
    <ol className="relative grid gap-5" aria-label="Timeline">
      {events.map((event, i) => {
        const d = describeEvent(event.action, event.data);
        const Icon = ICONS[event.action] ?? (d.tone === "info" ? InfoIcon : CircleDotIcon);
        const actor = event.actor ? (names.get(event.actor) ?? event.actor) : "Timebox";
        return (
          <li key={event.id} className="relative flex gap-3" data-testid="timeline-event">
            {i < events.length - 1 && <span className="absolute top-8 bottom-[-1.25rem] left-[0.9375rem] w-px bg-border" aria-hidden="true" />}
            <span className={cn("relative grid size-8 shrink-0 place-items-center rounded-full", TONE[d.tone])} aria-hidden="true">
              <Icon className="size-4" />
            </span>
            <div className="grid min-w-0 gap-1 pt-1">
              <p className="text-sm">
                <span className="font-medium">{actor}</span> {d.summary}
              </p>
              <p className="text-xs text-muted-foreground">
                <LocalDateTime at={event.at} seconds /> · <TimeAgo at={event.at} />
              </p>
              {d.quote && (
                <p className="rounded-md bg-muted px-3 py-2 text-sm whitespace-pre-wrap break-words">
                  <span className="sr-only">{d.quote.label}: </span>
                  {d.quote.text}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
