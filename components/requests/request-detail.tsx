"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import {
  BanIcon,
  CalendarClockIcon,
  CheckCircle2Icon,
  CircleIcon,
  ClockIcon,
  HourglassIcon,
  RotateCcwIcon,
  ShieldCheckIcon,
  TimerOffIcon,
  UsersIcon,
  XCircleIcon,
  type LucideIcon,
} from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { StatusBadge } from "@/components/requests/status-badge";
import { RequestActions } from "@/components/requests/request-actions";
import { Timeline } from "@/components/requests/timeline";
import { ProvisioningStatus } from "@/components/grants/provisioning-status";
import { EmergencyBadge } from "@/components/requests/emergency-badge";
import { GrantActions } from "@/components/lifecycle/grant-actions";
import {
  ExtensionApprovedBody,
  isScheduled,
  LifecycleDetailRows,
  RequestLifecycleSections,
  ScheduledBody,
  TimesOutIn,
} from "@/components/lifecycle/request-lifecycle";
import { ExpiresIn, LocalDateTime, TimeAgo } from "@/components/time/time-labels";
import { useNow } from "@/components/time/use-now";
import { api } from "@/lib/client/api";
import { useStatusWake } from "@/components/requests/use-status-wake";
import { groupProgressText, progressSummary } from "@/lib/format/progress";
import { requestAgainHref } from "@/components/requests/request-again";
import type { RequestDetail } from "@/lib/access/request-detail";
import { cn } from "@/lib/utils";

const FINAL = new Set<string>(["REJECTED", "REVOKED", "EXECUTED", "EXPIRED"]);

export function requestQueryKey(id: string) {
  return ["request", id] as const;
}

/**
 * A request, live: a long-poll refreshes it the moment its status changes, and it polls
 * every second until it reaches a final status, so a decision made anywhere shows here
 * within two seconds, without a reload.
 */
export function RequestDetailView({ initial, viewerEmail }: { initial: RequestDetail; viewerEmail: string }) {
  const { data: request } = useQuery({
    queryKey: requestQueryKey(initial.id),
    queryFn: ({ signal }) => api<RequestDetail>(`/api/v1/access-requests/${encodeURIComponent(initial.id)}`, { signal }),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && FINAL.has(query.state.data.status) ? false : 1000),
  });
  useStatusWake(initial.id, requestQueryKey(initial.id), !FINAL.has(request.status));
  const mine = request.requester.email === viewerEmail;
  const names = peopleNames(request);
  const now = useNow();
  const scheduled = isScheduled(request, now);

  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1.5">
          <p className="text-sm text-muted-foreground">
            <Link href={mine ? "/requests" : "/reviews"} className="rounded-sm hover:text-foreground hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none">
              {mine ? "My requests" : "Reviews"}
            </Link>{" "}
            / Request
          </p>
          <h1 className="flex flex-wrap items-center gap-x-3 gap-y-2 text-2xl font-semibold tracking-tight">
            <span className="break-all">{request.connection}</span>
            <StatusBadge status={request.status} active={request.active || scheduled} scheduled={scheduled} className="text-sm" />
            {request.emergency && <EmergencyBadge className="text-sm" reviewed={Boolean(request.review?.acknowledgedAt)} />}
          </h1>
          <p className="text-sm text-muted-foreground">
            {mine ? "You" : (request.requester.name ?? request.requester.email)} asked for <strong className="font-medium text-foreground">{request.duration}</strong> of access
            {" · "}
            <TimeAgo at={request.createdAt} />
          </p>
        </div>
        {mine && FINAL.has(request.status) && (
          <Button asChild variant="outline">
            <Link href={requestAgainHref(request)}>
              <RotateCcwIcon aria-hidden="true" />
              Request again
            </Link>
          </Button>
        )}
      </div>

      <p className="sr-only" aria-live="polite">
        Status: {request.status === "APPROVED" && !request.active ? (scheduled ? "scheduled" : "expired") : request.status.toLowerCase()}
      </p>
      <StatusPanel request={request} names={names} />
      <RequestLifecycleSections request={request} />
      <ProvisioningStatus requestId={request.id} requestStatus={request.status} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card className="gap-4">
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-3 text-sm">
              <dt className="text-muted-foreground">Connection</dt>
              <dd className="flex min-w-0 flex-wrap items-center gap-2">
                <span className="font-medium break-all">{request.connection}</span>
                <Badge variant="outline">{request.connectionType}</Badge>
              </dd>
              <dt className="text-muted-foreground">Requested by</dt>
              <dd className="min-w-0 break-words">
                {request.requester.name ?? request.requester.email}
                {request.requester.name && <span className="block text-xs text-muted-foreground">{request.requester.email}</span>}
              </dd>
              <dt className="text-muted-foreground">Duration</dt>
              <dd>{request.duration}</dd>
              <LifecycleDetailRows request={request} />
              <dt className="text-muted-foreground">Reason</dt>
              <dd className="min-w-0 whitespace-pre-wrap break-words" data-testid="request-reason">
                {request.reason || <span className="text-muted-foreground italic">No reason given</span>}
              </dd>
              <dt className="text-muted-foreground">Requested</dt>
              <dd>
                <LocalDateTime at={request.createdAt} />
              </dd>
              {request.decidedAt && (
                <>
                  <dt className="text-muted-foreground">Decided</dt>
                  <dd>
                    <LocalDateTime at={request.decidedAt} />
                  </dd>
                </>
              )}
              {request.expiresAt && (
                <>
                  <dt className="text-muted-foreground">{request.active ? "Expires" : scheduled ? "Ends" : "Grant ended"}</dt>
                  <dd>
                    <LocalDateTime at={(request.status === "REVOKED" && request.endedAt) || request.appliedTo?.endedAt || request.expiresAt} seconds />
                  </dd>
                </>
              )}
            </dl>
          </CardContent>
        </Card>

        <Card className="gap-4">
          <CardHeader>
            <CardTitle>Approvals</CardTitle>
            <CardDescription data-testid="progress-summary">
              {request.emergency ? "Skipped: break-glass access opens without approval and is reviewed afterwards." : progressSummary(request.groups)}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {request.emergency ? (
              <p className="text-sm text-muted-foreground">Approvers of {request.groups.map((g) => g.name).join(" and ") || request.connection} review it after the fact.</p>
            ) : request.groups.length === 0 ? (
              <p className="text-sm text-muted-foreground">{request.connection} needs no approval: access is time-boxed and audited.</p>
            ) : (
              <ul className="grid gap-4" aria-label="Approval progress by group">
                {request.groups.map((group) => (
                  <li key={group.name} className="grid gap-2" data-testid={`group-${group.name}`}>
                    <div className="flex items-center justify-between gap-2">
                      <span className="flex items-center gap-2 font-medium">
                        {group.satisfied ? (
                          <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
                        ) : (
                          <CircleIcon className="size-4 text-muted-foreground" aria-hidden="true" />
                        )}
                        {group.name}
                      </span>
                      <span className={cn("text-sm", group.satisfied ? "text-success" : "text-muted-foreground")}>
                        {groupProgressText(group).slice(group.name.length + 1)}
                      </span>
                    </div>
                    <ProgressBar value={group.satisfied ? 1 : group.approvals.length / group.minApprovals} label={`${group.name} approvals`} />
                    {group.approvals.length > 0 && (
                      <ul className="grid gap-2 pl-6">
                        {group.approvals.map((a) => (
                          <li key={a.user.email} className="text-sm">
                            <span className="font-medium">{a.user.name ?? a.user.email}</span>{" "}
                            <span className="text-muted-foreground">
                              approved <TimeAgo at={a.at} />
                            </span>
                            {a.comment && <p className="mt-1 rounded-md bg-muted px-3 py-2 whitespace-pre-wrap break-words">{a.comment}</p>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>Timeline</CardTitle>
          <CardDescription>Every change to this request, from the audit log.</CardDescription>
        </CardHeader>
        <CardContent>
          <Timeline events={request.events ?? []} names={names} />
        </CardContent>
      </Card>
    </div>
  );
}

/** Display names for the emails events carry, as the server resolved them. */
function peopleNames(request: RequestDetail): Map<string, string> {
  return new Map(Object.entries(request.people));
}

function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="h-1.5 overflow-hidden rounded-full bg-muted" role="progressbar" aria-label={label} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div className="h-full rounded-full bg-success transition-[width] duration-500" style={{ width: `${pct}%` }} />
    </div>
  );
}

function lastEvent(request: RequestDetail, action: string) {
  return [...(request.events ?? [])].reverse().find((e) => e.action === action);
}

function StatusPanel({ request, names }: { request: RequestDetail; names: Map<string, string> }) {
  const who = (email: string | null | undefined) => (email ? (names.get(email) ?? email) : "Timebox");
  const actions = <RequestActions request={request} />;

  if (request.status === "PENDING") {
    return (
      <Panel tone="warning" Icon={HourglassIcon} title="Waiting for approval" testId="status-panel" actions={actions}>
        <p className="font-medium" data-testid="progress-line">
          {progressSummary(request.groups)}
        </p>
        {request.pendingExpiresAt && (
          <p className="text-sm text-muted-foreground">
            <TimesOutIn at={request.pendingExpiresAt} />
          </p>
        )}
        {request.waitingOn.length > 0 && (
          <div className="grid gap-1.5">
            <p className="flex items-center gap-1.5 text-sm text-muted-foreground">
              <UsersIcon className="size-4" aria-hidden="true" />
              Who can approve
            </p>
            <ul className="grid gap-1 text-sm" data-testid="waiting-on">
              {request.waitingOn.map((w) => (
                <li key={w.group}>
                  <span className="font-medium">{w.group}</span>
                  <span className="text-muted-foreground"> needs {w.needed} more: </span>
                  {w.members.length === 0 ? (
                    <span className="text-destructive">nobody in this group can approve yet; ask an admin to add members</span>
                  ) : (
                    <>
                      {w.members.map((m) => m.name ?? m.email).join(", ")}
                      {w.more > 0 && <span className="text-muted-foreground"> and {w.more} more</span>}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Panel>
    );
  }

  if (request.status === "APPROVED" && request.extendsRequestId) {
    return (
      <Panel tone="success" Icon={ShieldCheckIcon} title="More time approved" testId="status-panel">
        <ExtensionApprovedBody request={request} />
      </Panel>
    );
  }

  if (request.status === "APPROVED" && isScheduled(request, null)) {
    return (
      <Panel tone="success" Icon={CalendarClockIcon} title="Scheduled" testId="status-panel" actions={<GrantActions request={request} />}>
        <ScheduledBody request={request} />
      </Panel>
    );
  }

  if (request.status === "APPROVED" && request.active && request.expiresAt) {
    const how = request.forced ? "Force approved" : request.autoApproved ? "Granted automatically" : "Approved";
    return (
      <Panel
        tone="success"
        Icon={ShieldCheckIcon}
        title="Access ready"
        testId="status-panel"
        actions={
          <>
            {actions}
            <GrantActions request={request} />
          </>
        }
      >
        <p className="text-2xl font-semibold tracking-tight tabular-nums">
          <ExpiresIn at={request.expiresAt} />
        </p>
        <p className="text-sm">
          Until <LocalDateTime at={request.expiresAt} seconds className="font-medium" />
        </p>
        <GrantBar start={request.decidedAt ?? request.createdAt} end={request.expiresAt} />
        <p className="text-sm text-muted-foreground">
          {request.emergency ? "Opened by breaking glass, without approval" : how}
          {request.forced && request.decisionNote ? `: ${request.decisionNote}` : ""}. The grant ends by itself; nobody needs to remember to take it away.
        </p>
      </Panel>
    );
  }

  if (request.status === "APPROVED") {
    return (
      <Panel tone="muted" Icon={TimerOffIcon} title="Access expired" testId="status-panel">
        <p className="text-sm">
          The grant ended at <LocalDateTime at={request.expiresAt!} seconds className="font-medium" /> and no longer gives access. It will show as EXECUTED
          shortly.
        </p>
      </Panel>
    );
  }

  if (request.status === "REJECTED") {
    const event = lastEvent(request, "request.rejected");
    return (
      <Panel tone="destructive" Icon={XCircleIcon} title="Request rejected" testId="status-panel">
        <p className="text-sm">
          Rejected by <span className="font-medium">{who(event?.actor)}</span>
          {request.decidedAt && (
            <>
              {" "}
              <TimeAgo at={request.decidedAt} />
            </>
          )}
          .
        </p>
        <Quote label="Reason" text={request.decisionNote} fallback="No reason was given." testId="decision-reason" />
      </Panel>
    );
  }

  if (request.status === "REVOKED" && lastEvent(request, "request.released")) {
    const event = lastEvent(request, "request.released");
    return (
      <Panel tone="muted" Icon={BanIcon} title="Access released early" testId="status-panel">
        <p className="text-sm">
          Ended by <span className="font-medium">{who(event?.actor)}</span>
          {request.endedAt && (
            <>
              {" "}
              at <LocalDateTime at={request.endedAt} seconds />
            </>
          )}
          , before its planned end. Released early by the requester.
        </p>
      </Panel>
    );
  }

  if (request.status === "REVOKED") {
    const event = lastEvent(request, "request.revoked");
    return (
      <Panel tone="destructive" Icon={BanIcon} title="Access revoked" testId="status-panel">
        <p className="text-sm">
          Revoked by <span className="font-medium">{who(event?.actor)}</span>
          {request.endedAt && (
            <>
              {" "}
              at <LocalDateTime at={request.endedAt} seconds />
            </>
          )}
          , before its planned end.
        </p>
        <Quote label="Reason" text={request.endNote} fallback="No reason was given." testId="decision-reason" />
      </Panel>
    );
  }

  if (request.status !== "EXECUTED") {
    const timedOut = lastEvent(request, "request.timed_out");
    const by = (timedOut?.data as { by?: unknown } | null)?.by;
    return (
      <Panel tone="muted" Icon={TimerOffIcon} title="Timed out — no decision in time" testId="status-panel">
        <p className="text-sm">
          {request.extendsRequestId && typeof by === "string" && by.includes("grant")
            ? "The grant ended before anyone decided on this extension, so it closed."
            : "Nobody decided on it within the connection's pending timeout, so it closed without access."}
          {request.endedAt && (
            <>
              {" "}
              It expired at <LocalDateTime at={request.endedAt} className="font-medium" />.
            </>
          )}{" "}
          Request again if you still need it.
        </p>
        {request.endNote && <Quote label="Why" text={request.endNote} fallback="" testId="end-note" />}
      </Panel>
    );
  }

  return (
    <Panel tone="muted" Icon={ClockIcon} title="Access period completed" testId="status-panel">
      <p className="text-sm">
        The {request.duration} grant ended
        {request.expiresAt && (
          <>
            {" "}
            at <LocalDateTime at={request.expiresAt} seconds className="font-medium" />
          </>
        )}
        . Request again if you still need access.
      </p>
    </Panel>
  );
}

function Quote({ label, text, fallback, testId }: { label: string; text: string | null; fallback: string; testId: string }) {
  if (!text) return <p className="text-sm text-muted-foreground">{fallback}</p>;
  return (
    <figure className="grid gap-1">
      <figcaption className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</figcaption>
      <blockquote className="rounded-md border-l-4 border-current/30 bg-background/60 px-3 py-2 text-sm whitespace-pre-wrap break-words" data-testid={testId}>
        {text}
      </blockquote>
    </figure>
  );
}

function GrantBar({ start, end }: { start: string; end: string }) {
  const now = useNow();
  if (!now) return <div className="h-2 rounded-full bg-success/15" />;
  const total = new Date(end).getTime() - new Date(start).getTime();
  const left = Math.max(0, new Date(end).getTime() - now.getTime());
  const pct = total > 0 ? Math.round((left / total) * 100) : 0;
  return (
    <div className="h-2 overflow-hidden rounded-full bg-success/15" role="progressbar" aria-label="Time left in the grant" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div className="h-full rounded-full bg-success transition-[width] duration-1000 ease-linear" style={{ width: `${pct}%` }} />
    </div>
  );
}

const TONES = {
  warning: "border-warning/50 bg-warning/8 [&_[data-panel-icon]]:bg-warning/20 [&_[data-panel-icon]]:text-warning-foreground dark:[&_[data-panel-icon]]:text-warning",
  success: "border-success/40 bg-success/6 [&_[data-panel-icon]]:bg-success/15 [&_[data-panel-icon]]:text-success",
  destructive: "border-destructive/35 bg-destructive/5 [&_[data-panel-icon]]:bg-destructive/12 [&_[data-panel-icon]]:text-destructive",
  muted: "bg-muted/40 [&_[data-panel-icon]]:bg-muted [&_[data-panel-icon]]:text-muted-foreground",
} as const;

function Panel({
  tone,
  Icon,
  title,
  children,
  actions,
  testId,
}: {
  tone: keyof typeof TONES;
  Icon: LucideIcon;
  title: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
  testId: string;
}) {
  return (
    <section className={cn("grid gap-4 rounded-xl border p-5 sm:p-6", TONES[tone])} aria-labelledby="status-title" data-testid={testId}>
      <div className="flex items-start gap-4">
        <span data-panel-icon className="grid size-10 shrink-0 place-items-center rounded-full" aria-hidden="true">
          <Icon className="size-5" />
        </span>
        <div className="grid min-w-0 flex-1 gap-2">
          <h2 id="status-title" className="text-lg font-semibold">
            {title}
          </h2>
          {children}
        </div>
      </div>
      {actions}
    </section>
  );
}

