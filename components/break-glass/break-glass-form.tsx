"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { CheckIcon, Loader2Icon, SirenIcon, TimerIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { checkPolicy, RequestPolicyFields, type PolicyDraft } from "@/components/policy/request-policy-fields";
import { api, ApiError, errorMessage } from "@/lib/client/api";
import { formatDuration, parseDuration } from "@/lib/access/duration";
import type { ConnectionView } from "@/lib/admin/connection-settings";
import type { AccessRequestView } from "@/lib/access/request-view";
import { cn } from "@/lib/utils";

const PRESETS = ["15m", "30m", "1h"] as const;
const REASON_MAX = 2000;

/** A duration against the connection's break-glass maximum (the server checks the same). */
export function checkBreakGlassDuration(text: string, connection: ConnectionView | undefined) {
  const parsed = parseDuration(text);
  if (!parsed.ok) return parsed;
  if (connection && parsed.seconds > connection.policy.breakGlassMaxSeconds) {
    return { ok: false as const, message: `${formatDuration(parsed.seconds)} is above the break-glass maximum of ${connection.policy.breakGlassMaxDuration} on ${connection.name}.` };
  }
  return parsed;
}

/**
 * The break-glass path: separate from the ordinary request form, red, and deliberate.
 * Only connections whose break-glass groups include the viewer are offered (the page
 * decides on the server, and create-request checks again). A reason is mandatory and
 * the requester confirms that the grant is an audited emergency before it opens.
 */
export function BreakGlassForm({ connections, initial }: { connections: ConnectionView[]; initial?: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(() => connections.find((c) => c.name === initial)?.name ?? (connections.length === 1 ? connections[0]!.name : undefined));
  const selected = connections.find((c) => c.name === name);
  const [duration, setDuration] = useState(() => selected?.policy.breakGlassMaxDuration ?? "30m");
  const [reason, setReason] = useState("");
  const [ticket, setTicket] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const durationCheck = checkBreakGlassDuration(duration, selected);
  const draft: PolicyDraft = { reason, ticket, startLater: false, startsAt: "" };
  const policy = checkPolicy(selected, draft, null);
  const reasonMissing = reason.trim() === "";
  const reasonProblems = reasonMissing ? ["A break-glass grant needs a reason: what is happening, and what you will do."] : policy.reason;
  const showReasonError = reasonProblems.length > 0 && (submitted || reason.trim() !== "");
  const ready = Boolean(selected) && durationCheck.ok && reasonProblems.length === 0 && policy.ticket.length === 0 && confirmed;

  const open = useMutation({
    mutationFn: () =>
      api<AccessRequestView>("/api/v1/access-requests", {
        method: "POST",
        body: {
          connection: selected!.name,
          duration: duration.trim(),
          reason: reason.trim(),
          emergency: true,
          ...(ticket.trim() && selected!.policy.ticketMode !== "off" ? { ticket: ticket.trim() } : {}),
        },
      }),
    onSuccess: (request) => {
      void queryClient.invalidateQueries({ queryKey: ["requests"] });
      toast.warning(`Break-glass access to ${request.connection} is open`, {
        description: `For ${request.duration}. Every approver and admin has been told; it will be reviewed.`,
      });
      router.push(`/requests/${request.id}`);
    },
  });

  function choose(next: ConnectionView) {
    setName(next.name);
    if (!checkBreakGlassDuration(duration, next).ok) setDuration(next.policy.breakGlassMaxDuration);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!ready || open.isPending) return;
    open.mutate();
  }

  const existingUrl = open.error instanceof ApiError ? (open.error.details?.existingRequestUrl as string | undefined) : undefined;

  return (
    <form onSubmit={submit} noValidate className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" aria-label="Break glass">
      <div className="grid min-w-0 content-start gap-8">
        <fieldset className="grid gap-3">
          <legend className="mb-3 text-base font-semibold">1. Connection</legend>
          <div role="radiogroup" aria-label="Connection" className="grid gap-2">
            {connections.map((c) => {
              const checked = c.name === name;
              return (
                <label
                  key={c.id}
                  className={cn(
                    "flex cursor-pointer items-center gap-3 rounded-lg border bg-card p-3 transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50 hover:bg-accent/50",
                    checked && "border-destructive bg-destructive/5 hover:bg-destructive/5",
                  )}
                >
                  <input type="radio" name={`${id}-connection`} checked={checked} onChange={() => choose(c)} className="sr-only" aria-label={c.name} />
                  <span
                    className={cn(
                      "grid size-5 shrink-0 place-items-center rounded-full border",
                      checked ? "border-destructive bg-destructive text-destructive-foreground" : "border-input",
                    )}
                    aria-hidden="true"
                  >
                    {checked && <CheckIcon className="size-3" />}
                  </span>
                  <span className="grid min-w-0 flex-1 gap-1" aria-hidden="true">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium break-all">{c.name}</span>
                      <Badge variant="outline">{c.type}</Badge>
                      <span className="ml-auto flex items-center gap-1 text-xs text-muted-foreground">
                        <TimerIcon className="size-3.5" />
                        break-glass max {c.policy.breakGlassMaxDuration}
                      </span>
                    </span>
                    {c.description && <span className="text-sm text-muted-foreground">{c.description}</span>}
                  </span>
                </label>
              );
            })}
          </div>
          {submitted && !selected && (
            <p className="text-sm text-destructive" role="alert">
              Choose the connection you need.
            </p>
          )}
        </fieldset>

        <fieldset className="grid gap-3" disabled={!selected}>
          <legend className="mb-3 text-base font-semibold">2. Duration</legend>
          <div className="flex flex-wrap gap-2" role="group" aria-label="Duration presets">
            {PRESETS.map((p) => {
              const tooLong = selected !== undefined && !checkBreakGlassDuration(p, selected).ok;
              return (
                <Button
                  key={p}
                  type="button"
                  variant={duration === p ? "destructive" : "outline"}
                  size="sm"
                  disabled={tooLong}
                  aria-pressed={duration === p}
                  onClick={() => setDuration(p)}
                  className="min-w-16"
                >
                  {p}
                </Button>
              );
            })}
          </div>
          <div className="grid max-w-xs gap-2">
            <Label htmlFor={`${id}-duration`}>Duration</Label>
            <Input
              id={`${id}-duration`}
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
              autoComplete="off"
              aria-invalid={!durationCheck.ok || undefined}
              aria-describedby={`${id}-duration-hint`}
            />
          </div>
          <p id={`${id}-duration-hint`} className={cn("text-sm", durationCheck.ok ? "text-muted-foreground" : "text-destructive")} aria-live="polite">
            {!durationCheck.ok
              ? durationCheck.message
              : selected
                ? `Up to ${selected.policy.breakGlassMaxDuration}; ask for no more than the incident needs. You can end it early.`
                : "Choose a connection first."}
          </p>
        </fieldset>

        <div className="grid gap-2">
          <Label htmlFor={`${id}-reason`} className="text-base font-semibold">
            3. What is the emergency?
          </Label>
          <Textarea
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="The incident, what is broken, and what you will do. Reviewers read this afterwards."
            maxLength={REASON_MAX}
            rows={4}
            required
            aria-invalid={showReasonError || undefined}
            aria-describedby={`${id}-reason-hint`}
          />
          <p id={`${id}-reason-hint`} className="flex justify-between gap-2 text-xs text-muted-foreground">
            <span className={cn(showReasonError && "text-destructive")} aria-live="polite">
              {showReasonError ? reasonProblems.join(" ") : "Required. Name the incident if there is one."}
            </span>
            <span className="tabular-nums">
              {reason.length}/{REASON_MAX}
            </span>
          </p>
        </div>

        {selected && selected.policy.ticketMode !== "off" && (
          <RequestPolicyFields
            connection={selected}
            draft={draft}
            onChange={(next) => next.ticket !== undefined && setTicket(next.ticket)}
            check={policy}
            showErrors={submitted}
            allowSchedule={false}
          />
        )}
      </div>

      <div className="grid min-w-0 content-start gap-4 lg:sticky lg:top-20">
        <Alert variant="destructive">
          <SirenIcon aria-hidden="true" />
          <AlertTitle>What happens when you break glass</AlertTitle>
          <AlertDescription>
            <ul className="grid list-disc gap-1 pl-4 text-foreground/80">
              <li>Access opens at once, without waiting for approval, and still ends by itself.</li>
              <li>The grant is marked EMERGENCY everywhere.</li>
              <li>Every approver of the connection and every admin is told at once, on every channel.</li>
              <li>An approver must acknowledge it afterwards in a post-incident review.</li>
            </ul>
          </AlertDescription>
        </Alert>

        <label className={cn("flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-3", submitted && !confirmed && "border-destructive")}>
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            className="mt-0.5 size-4 accent-[var(--destructive)]"
            aria-describedby={`${id}-confirm-hint`}
          />
          <span className="grid gap-0.5">
            <span className="text-sm font-medium">This is an emergency that cannot wait for approval</span>
            <span id={`${id}-confirm-hint`} className="text-xs text-muted-foreground">
              I understand the grant is audited and reviewed after the incident.
            </span>
          </span>
        </label>

        {open.error && (
          <Alert variant="destructive" role="alert">
            <AlertTitle>Could not break glass</AlertTitle>
            <AlertDescription>
              <p>{errorMessage(open.error)}</p>
              {existingUrl && (
                <Link href={existingUrl} className="font-medium underline underline-offset-4">
                  Open your pending request
                </Link>
              )}
            </AlertDescription>
          </Alert>
        )}

        <Button type="submit" size="lg" variant="destructive" disabled={open.isPending || open.isSuccess || (submitted && !ready)}>
          {open.isPending || open.isSuccess ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <SirenIcon aria-hidden="true" />}
          Break glass{selected ? ` on ${selected.name}` : ""}
        </Button>
        {submitted && !ready && !open.isPending && (
          <p className="text-sm text-destructive" role="alert">
            {!selected ? "Choose a connection." : !confirmed && durationCheck.ok && reasonProblems.length === 0 ? "Confirm that this is an emergency." : "Fix the fields marked in red."}
          </p>
        )}
        <Button asChild variant="ghost">
          <Link href={selected ? `/requests/new?connection=${encodeURIComponent(selected.name)}` : "/requests/new"}>Not an emergency? Request access normally</Link>
        </Button>
      </div>
    </form>
  );
}
