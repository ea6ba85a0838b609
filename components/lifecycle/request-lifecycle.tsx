"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { toast } from "sonner";
import { ArrowUpRightIcon, CheckCircle2Icon, Loader2Icon, SirenIcon, TimerResetIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { StatusBadge } from "@/components/requests/status-badge";
import { ExpiresIn, LocalDateTime, TimeAgo } from "@/components/time/time-labels";
import { useNow } from "@/components/time/use-now";
import { useRequestAction } from "@/components/lifecycle/use-request-action";
import { ApiError, errorMessage } from "@/lib/client/api";
import { progressSummary } from "@/lib/format/progress";
import { formatSpan } from "@/lib/format/time";
import type { RequestDetail } from "@/lib/access/request-detail";

/** Whether an APPROVED grant is waiting for its scheduled start (not live yet, window still ahead). */
export function isScheduled(request: Pick<RequestDetail, "status" | "active" | "startsAt" | "expiresAt">, now: Date | null): boolean {
  if (request.status !== "APPROVED" || request.active || !request.startsAt || !request.expiresAt) return false;
  // Not live yet with its window still ahead: the start has not come (or came since the last poll).
  return new Date(request.expiresAt) > (now ?? new Date());
}

/** "starts in 1h 2m", ticking. */
export function StartsIn({ at, className }: { at: string; className?: string }) {
  const now = useNow();
  const left = now ? new Date(at).getTime() - now.getTime() : null;
  return (
    <span className={className} data-testid="starts-countdown">
      {left === null ? "\u00a0" : left > 0 ? `starts in ${formatSpan(left)}` : "starting now"}
    </span>
  );
}

/** "Times out in 23h 59m if nobody decides", ticking; for PENDING requests. */
export function TimesOutIn({ at }: { at: string }) {
  const now = useNow();
  const left = now ? new Date(at).getTime() - now.getTime() : null;
  return (
    <span data-testid="times-out">
      {left === null ? "\u00a0" : left > 0 ? `Times out in ${formatSpan(left)} if nobody decides.` : "Timed out: no decision in time. Closing…"}
    </span>
  );
}

/** The body of the status panel for an approved grant whose window opens later. */
export function ScheduledBody({ request }: { request: RequestDetail }) {
  return (
    <>
      <p className="text-2xl font-semibold tracking-tight tabular-nums">
        <StartsIn at={request.startsAt!} />
      </p>
      <p className="text-sm">
        Starts at <LocalDateTime at={request.startsAt!} className="font-medium" />, ends at <LocalDateTime at={request.expiresAt!} className="font-medium" />.
      </p>
      <p className="text-sm text-muted-foreground">Approved ahead of time: access opens by itself at the start and ends by itself {request.duration} later.</p>
    </>
  );
}

/** Rows for the Details list: ticket, scheduled start, pending timeout, break-glass. */
export function LifecycleDetailRows({ request }: { request: RequestDetail }) {
  return (
    <>
      {request.ticket && (
        <>
          <dt className="text-muted-foreground">Ticket</dt>
          <dd className="font-mono text-sm break-all" data-testid="request-ticket">
            {request.ticket}
          </dd>
        </>
      )}
      {request.startsAt && (
        <>
          <dt className="text-muted-foreground">Starts</dt>
          <dd>
            <LocalDateTime at={request.startsAt} />
            {request.status === "PENDING" && <span className="block text-xs text-muted-foreground">or at approval, if that is later</span>}
          </dd>
        </>
      )}
      {request.status === "PENDING" && request.pendingExpiresAt && (
        <>
          <dt className="text-muted-foreground">Times out</dt>
          <dd>
            <LocalDateTime at={request.pendingExpiresAt} />
            <span className="block text-xs text-muted-foreground">without a decision by then, it expires</span>
          </dd>
        </>
      )}
      {request.emergency && (
        <>
          <dt className="text-muted-foreground">Break-glass</dt>
          <dd className="text-destructive">Opened without approval{request.review?.acknowledgedAt ? "; reviewed" : "; awaiting review"}</dd>
        </>
      )}
    </>
  );
}

/**
 * Issue 7's parts of the request page, below the status: the grant an extension is for,
 * the extensions of a grant, and the post-incident review of a break-glass grant.
 */
export function RequestLifecycleSections({ request }: { request: RequestDetail }) {
  return (
    <>
      {request.extendsGrant && <ExtensionOf request={request} />}
      {request.extensions.length > 0 && <Extensions request={request} />}
      {request.emergency && <PostIncidentReview request={request} />}
    </>
  );
}

function ExtensionOf({ request }: { request: RequestDetail }) {
  const grant = request.extendsGrant!;
  return (
    <Alert data-testid="extension-of">
      <TimerResetIcon aria-hidden="true" />
      <AlertTitle>More time on an active grant</AlertTitle>
      <AlertDescription>
        <p>
          This asks for {request.duration} more on{" "}
          <Link href={`/requests/${grant.id}`} className="font-medium text-foreground underline underline-offset-4">
            the grant
          </Link>{" "}
          {grant.active && grant.expiresAt ? (
            <>
              , which keeps running meanwhile (<ExpiresIn at={grant.expiresAt} />
              ).
            </>
          ) : (
            <>, which is {grant.status === "APPROVED" ? "no longer active" : grant.status.toLowerCase()}.</>
          )}
        </p>
        {request.status === "APPROVED" && <p>Approved: the grant&apos;s end moved by {request.duration}.</p>}
      </AlertDescription>
    </Alert>
  );
}

function Extensions({ request }: { request: RequestDetail }) {
  const pending = request.extensions.find((e) => e.status === "PENDING");
  return (
    <Card className="gap-4" data-testid="extensions">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <TimerResetIcon className="size-4 text-muted-foreground" aria-hidden="true" />
          More time
        </CardTitle>
        <CardDescription>
          {pending ? "An extension is waiting for approval. The grant keeps running meanwhile and is never cut short by it." : "Extensions asked for on this grant."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y rounded-lg border" aria-label="Extensions">
          {request.extensions.map((e) => (
            <li key={e.id} className="relative flex flex-col gap-1.5 px-3 py-2.5 text-sm sm:flex-row sm:items-center sm:gap-3" data-testid="extension">
              <StatusBadge status={e.status} active={e.active} />
              <div className="min-w-0 flex-1">
                <p>
                  <span className="font-medium">{e.duration} more</span>{" "}
                  <span className="text-muted-foreground">
                    · asked <TimeAgo at={e.createdAt} />
                  </span>
                </p>
                {e.status === "PENDING" && (
                  <p className="text-xs text-muted-foreground" data-testid="extension-progress">
                    {progressSummary(e.groups)}
                  </p>
                )}
                {e.status === "EXPIRED" && <p className="text-xs text-muted-foreground">Not decided before the grant ended.</p>}
                {e.reason && <p className="line-clamp-2 text-xs break-words text-muted-foreground">{e.reason}</p>}
              </div>
              <Link
                href={`/requests/${e.id}`}
                className="flex items-center gap-1 self-start text-xs font-medium text-primary underline-offset-4 outline-none after:absolute after:inset-0 hover:underline focus-visible:underline sm:self-center"
                aria-label={`Details of the ${e.duration} extension`}
              >
                Details
                <ArrowUpRightIcon className="size-3.5" aria-hidden="true" />
              </Link>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function PostIncidentReview({ request }: { request: RequestDetail }) {
  const review = request.review;
  const reviewedEvent = [...(request.events ?? [])].reverse().find((e) => e.action === "request.emergency_reviewed");
  const reviewer = reviewedEvent?.actor ? (request.people[reviewedEvent.actor] ?? reviewedEvent.actor) : null;

  if (review?.acknowledgedAt) {
    return (
      <section className="grid gap-3 rounded-xl border border-success/40 bg-success/6 p-5" aria-labelledby="review-title" data-testid="post-incident-review">
        <h2 id="review-title" className="flex items-center gap-2 font-semibold">
          <CheckCircle2Icon className="size-5 text-success" aria-hidden="true" />
          Post-incident review done
        </h2>
        <p className="text-sm">
          Acknowledged{reviewer ? <> by <span className="font-medium">{reviewer}</span></> : null} <TimeAgo at={review.acknowledgedAt} /> (
          <LocalDateTime at={review.acknowledgedAt} />
          ).
        </p>
        {review.note && (
          <blockquote className="rounded-md border-l-4 border-success/40 bg-background/60 px-3 py-2 text-sm whitespace-pre-wrap break-words" data-testid="review-note">
            {review.note}
          </blockquote>
        )}
      </section>
    );
  }

  return (
    <section className="grid gap-3 rounded-xl border border-destructive/35 bg-destructive/5 p-5" aria-labelledby="review-title" data-testid="post-incident-review">
      <h2 id="review-title" className="flex items-center gap-2 font-semibold">
        <SirenIcon className="size-5 text-destructive" aria-hidden="true" />
        Awaiting post-incident review
      </h2>
      <p className="text-sm">
        This break-glass grant was opened without approval. An approver of {request.connection} or an admin must acknowledge it with a note; until then it stays on
        their dashboards.
      </p>
      {request.lifecycle.canAcknowledge && <AcknowledgeDialog request={request} />}
    </section>
  );
}

function AcknowledgeDialog({ request }: { request: RequestDetail }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const acknowledge = useRequestAction();
  const who = request.requester.name ?? request.requester.email;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!note.trim() || acknowledge.isPending) return;
    try {
      await acknowledge.mutateAsync({ id: request.id, action: "acknowledge", body: { note: note.trim() } });
      setOpen(false);
      setNote("");
      acknowledge.reset();
      toast.success("Break-glass grant acknowledged", { description: `${who}'s grant on ${request.connection} leaves the review queue.` });
    } catch {
      // Shown in the dialog.
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) acknowledge.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button className="justify-self-start">
          <CheckCircle2Icon aria-hidden="true" />
          Acknowledge
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Acknowledge {who}&apos;s break-glass grant?</DialogTitle>
            <DialogDescription>
              Your note is the post-incident review: was the emergency real, was the access proportionate, and is there a follow-up? It is kept in the audit log.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-note`}>Review note</Label>
            <Textarea
              id={`${id}-note`}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="e.g. Justified: INC-4411, DB failover. Follow-up: runbook updated."
              maxLength={4000}
              rows={4}
              required
              autoFocus
            />
          </div>
          {acknowledge.error && (
            <Alert variant="destructive" role="alert">
              <AlertTitle>{acknowledge.error instanceof ApiError && acknowledge.error.isConflict ? "Already reviewed" : "Not acknowledged"}</AlertTitle>
              <AlertDescription>{errorMessage(acknowledge.error)}</AlertDescription>
            </Alert>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={!note.trim() || acknowledge.isPending}>
              {acknowledge.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              Acknowledge
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The status panel's body for an approved extension: it moved its grant's end. */
export function ExtensionApprovedBody({ request }: { request: RequestDetail }) {
  const grant = request.appliedTo;
  return (
    <p className="text-sm" data-testid="extension-applied">
      Applied: {request.duration} more was added to{" "}
      {grant ? (
        <Link href={`/requests/${grant.id}`} className="font-medium underline underline-offset-4">
          the grant
        </Link>
      ) : (
        "the grant"
      )}
      {grant?.active && grant.expiresAt ? (
        <>
          , which is live and now ends at <LocalDateTime at={grant.expiresAt} className="font-medium" />
        </>
      ) : (
        <>, which has ended{grant && grant.status !== "APPROVED" ? ` (${grant.status.toLowerCase()})` : ""}</>
      )}
      . The extra time runs as part of that grant and ends with it.
    </p>
  );
}
