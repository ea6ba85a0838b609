"use client";

import { useId } from "react";
import { CalendarClockIcon, ClipboardListIcon } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useNow } from "@/components/time/use-now";
import { requestPolicyProblems } from "@/lib/access/request-policy";
import { formatDateTime, formatSpan } from "@/lib/format/time";
import type { ConnectionView } from "@/lib/admin/connection-settings";
import { cn } from "@/lib/utils";

/** The create-request API's limit on a scheduled start (MAX_SCHEDULE_AHEAD_MS in lib/access/create-request). */
export const MAX_SCHEDULE_AHEAD_MS = 7 * 24 * 3600 * 1000;

export type PolicyDraft = { reason: string; ticket: string; startLater: boolean; startsAt: string };

export type PolicyCheck = {
  reason: string[];
  ticket: string[];
  startsAt: string | null;
  /** The ISO start to send, when a valid later start is chosen. */
  startsAtIso: string | undefined;
  ok: boolean;
};

/** A `datetime-local` value (the viewer's wall clock) for a moment. */
export function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * The connection's request policy applied to what the requester typed, with the server's
 * own rules (requestPolicyProblems), split by field so each message sits under its field.
 */
export function checkPolicy(connection: ConnectionView | undefined, draft: PolicyDraft, now: Date | null): PolicyCheck {
  const p = connection?.policy;
  const reason = p ? requestPolicyProblems({ ...p, ticketMode: "optional", ticketPattern: null }, { reason: draft.reason }) : [];
  const ticket = p
    ? requestPolicyProblems({ ...p, reasonRequired: false, reasonMinLength: 0, reasonPattern: null }, { reason: "", ticket: draft.ticket })
    : [];
  let startsAt: string | null = null;
  let startsAtIso: string | undefined;
  if (draft.startLater) {
    const at = draft.startsAt ? new Date(draft.startsAt) : null;
    if (!at || Number.isNaN(at.getTime())) startsAt = "Pick the date and time access should start.";
    else if (now && at.getTime() <= now.getTime()) startsAt = "The start must be in the future.";
    else if (now && at.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) startsAt = "The start can be at most 7 days ahead.";
    else startsAtIso = at.toISOString();
  }
  return { reason, ticket, startsAt, startsAtIso, ok: reason.length === 0 && ticket.length === 0 && startsAt === null };
}

/**
 * The ticket field (when the connection takes one) and an optional later start, for the
 * request form. Messages come from checkPolicy, so they match what the server answers.
 */
export function RequestPolicyFields({
  connection,
  draft,
  onChange,
  check,
  showErrors,
  allowSchedule = true,
}: {
  connection: ConnectionView;
  draft: PolicyDraft;
  onChange: (next: Partial<PolicyDraft>) => void;
  check: PolicyCheck;
  showErrors: boolean;
  allowSchedule?: boolean;
}) {
  const id = useId();
  const now = useNow();
  const p = connection.policy;
  const ticketTyped = draft.ticket.trim() !== "";
  const ticketError = check.ticket.length > 0 && (showErrors || ticketTyped);
  const startError = check.startsAt !== null && (showErrors || draft.startsAt !== "");
  const startAt = check.startsAtIso ? new Date(check.startsAtIso) : null;

  return (
    <div className="grid gap-6">
      {p.ticketMode !== "off" && (
        <div className="grid gap-2">
          <Label htmlFor={`${id}-ticket`} className="flex items-center gap-2 text-base font-semibold">
            <ClipboardListIcon className="size-4 text-muted-foreground" aria-hidden="true" />
            Ticket
            {p.ticketMode === "optional" && <span className="text-sm font-normal text-muted-foreground">(optional)</span>}
          </Label>
          <Input
            id={`${id}-ticket`}
            value={draft.ticket}
            onChange={(e) => onChange({ ticket: e.target.value })}
            placeholder={p.ticketPattern ? examplePlaceholder(p.ticketPattern) : "e.g. OPS-1234"}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            required={p.ticketMode === "required"}
            aria-invalid={ticketError || undefined}
            aria-describedby={`${id}-ticket-hint`}
          />
          <p id={`${id}-ticket-hint`} className={cn("text-sm", ticketError ? "text-destructive" : "text-muted-foreground")} aria-live="polite">
            {ticketError
              ? check.ticket.join(" ")
              : p.ticketPattern
                ? <>Format: <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">{p.ticketPattern}</code>. Shown to approvers and in the audit log.</>
                : "Shown to approvers, in notifications and in the audit log."}
          </p>
        </div>
      )}

      {allowSchedule && (
        <fieldset className="grid gap-3">
          <legend className="mb-2 flex items-center gap-2 text-base font-semibold">
            <CalendarClockIcon className="size-4 text-muted-foreground" aria-hidden="true" />
            Start
          </legend>
          <div role="radiogroup" aria-label="When access starts" className="grid grid-cols-2 gap-2">
            {[
              { later: false, label: "When approved" },
              { later: true, label: "Later" },
            ].map((o) => {
              const checked = draft.startLater === o.later;
              return (
                <label
                  key={o.label}
                  className={cn(
                    "flex h-9 cursor-pointer items-center justify-center rounded-md border text-sm font-medium transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50 hover:bg-accent",
                    checked && "border-primary bg-primary text-primary-foreground hover:bg-primary/90",
                  )}
                >
                  <input
                    type="radio"
                    name={`${id}-start`}
                    checked={checked}
                    onChange={() =>
                      onChange(o.later ? { startLater: true, startsAt: draft.startsAt || toLocalInput(new Date(Date.now() + 3600_000)) } : { startLater: false })
                    }
                    className="sr-only"
                  />
                  {o.label}
                </label>
              );
            })}
          </div>
          {draft.startLater && (
            <div className="grid gap-2">
              <Label htmlFor={`${id}-starts-at`}>Start access at</Label>
              <Input
                id={`${id}-starts-at`}
                type="datetime-local"
                value={draft.startsAt}
                min={now ? toLocalInput(now) : undefined}
                max={now ? toLocalInput(new Date(now.getTime() + MAX_SCHEDULE_AHEAD_MS)) : undefined}
                onChange={(e) => onChange({ startsAt: e.target.value })}
                aria-invalid={startError || undefined}
                aria-describedby={`${id}-starts-hint`}
                className="w-full sm:w-auto"
              />
            </div>
          )}
          <p id={`${id}-starts-hint`} className={cn("text-sm", startError ? "text-destructive" : "text-muted-foreground")} aria-live="polite">
            {!draft.startLater
              ? "Access starts as soon as the request is approved."
              : startError
                ? check.startsAt
                : startAt && now
                  ? `Starts ${formatDateTime(startAt)} (in ${formatSpan(startAt.getTime() - now.getTime())}), or at approval if that is later. Up to 7 days ahead.`
                  : "Up to 7 days ahead. Access opens at this time, or at approval if that is later."}
          </p>
        </fieldset>
      )}
    </div>
  );
}

/** A readable placeholder for the common ticket shapes, else none. */
function examplePlaceholder(pattern: string): string {
  if (/\[A-Z\]/.test(pattern) && pattern.includes("-")) return "e.g. OPS-1234";
  if (/INC/i.test(pattern)) return "e.g. INC-1234";
  return "";
}
