import type { Db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatDuration } from "@/lib/access/duration";
import { groupProgress } from "@/lib/access/approval-progress";

export const requestInclude = {
  connection: { select: { id: true, name: true, type: true } },
  requester: { select: { id: true, email: true, name: true } },
  groups: { orderBy: { groupName: "asc" } },
  approvals: { orderBy: { createdAt: "asc" }, include: { user: { select: { id: true, email: true, name: true } } } },
  // For an extension: the grant it adds time to (a primary-key lookup, only for extensions).
  extendsRequest: { select: { id: true, status: true, expiresAt: true, startsAt: true, endedAt: true, extendsRequestId: true } },
} satisfies Prisma.AccessRequestInclude;

export type RequestRow = Prisma.AccessRequestGetPayload<{ include: typeof requestInclude }>;

type EventRow = { id: bigint; at: Date; action: string; actorEmail: string | null; data: Prisma.JsonValue };

export type AccessRequestView = ReturnType<typeof toRequestView>;

/**
 * The API/UI shape of a request. `active` is evaluated against `now`: an APPROVED grant past
 * its expiry grants nothing. An approved extension is applied to its grant: it is `active`
 * while that grant is live, its `expiresAt` is the grant's (current) end, and `appliedTo`
 * names the grant and where it stands.
 */
export function toRequestView(row: RequestRow, now: Date, events?: EventRow[]) {
  const progress = groupProgress(
    row.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals })),
    row.approvals,
  );
  const approvalsById = new Map(row.approvals.map((a) => [a.userId, a]));
  const appliedTo = appliedGrant(row, now);
  const active = appliedTo ? row.status === "APPROVED" && appliedTo.active : isGrantLive(row, now);
  const expiresAt = appliedTo?.expiresAt ?? row.expiresAt?.toISOString() ?? null;
  return {
    id: row.id,
    status: row.status,
    active,
    connection: row.connection.name,
    connectionType: row.connection.type,
    requester: row.requester,
    duration: formatDuration(row.durationSeconds),
    durationSeconds: row.durationSeconds,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    expiresAt,
    endedAt: row.endedAt?.toISOString() ?? null,
    autoApproved: row.autoApproved,
    forced: row.forced,
    ticket: row.ticket,
    startsAt: row.startsAt?.toISOString() ?? null,
    pendingExpiresAt: row.pendingExpiresAt?.toISOString() ?? null,
    emergency: row.emergency,
    review: row.emergency ? { acknowledgedAt: row.reviewedAt?.toISOString() ?? null, note: row.reviewNote } : null,
    extendsRequestId: row.extendsRequestId,
    appliedTo,
    distinctApprovers: row.distinctApprovers,
    decisionNote: row.decisionNote,
    endNote: row.endNote,
    groups: progress.map((g) => ({
      name: g.groupName,
      minApprovals: g.minApprovals,
      satisfied: g.satisfied,
      approvals: g.approverIds.map((id) => {
        const approval = approvalsById.get(id)!;
        return { user: { email: approval.user.email, name: approval.user.name }, at: approval.createdAt.toISOString(), comment: approval.comment };
      }),
    })),
    ...(events
      ? {
          events: events.map((e) => ({
            id: e.id.toString(),
            action: e.action,
            at: e.at.toISOString(),
            actor: e.actorEmail,
            data: e.data,
          })),
        }
      : {}),
  };
}

/** The grant an approved (or since completed) extension was applied to, and where that grant stands at `now`. */
export type AppliedTo = { id: string; status: RequestRow["status"]; active: boolean; expiresAt: string | null; endedAt: string | null };

function appliedGrant(row: RequestRow, now: Date): AppliedTo | null {
  const grant = row.extendsRequest;
  if (!grant || (row.status !== "APPROVED" && row.status !== "EXECUTED")) return null;
  return {
    id: grant.id,
    status: grant.status,
    active: isGrantLive(grant, now),
    expiresAt: grant.expiresAt?.toISOString() ?? null,
    endedAt: grant.endedAt?.toISOString() ?? null,
  };
}

/**
 * Whether a request grants access at `now`: APPROVED, its window open (a scheduled
 * start has come) and not past its expiry. An extension request never grants by itself;
 * it moves its grant's expiry.
 */
export function isGrantLive(
  row: { status: string; expiresAt: Date | null; startsAt: Date | null; extendsRequestId: string | null },
  now: Date,
): boolean {
  return (
    row.status === "APPROVED" &&
    row.extendsRequestId === null &&
    row.expiresAt !== null &&
    row.expiresAt > now &&
    (row.startsAt === null || row.startsAt <= now)
  );
}

/** A live grant itself, for lists of live access: an applied extension is live too, but its grant is the one to show. */
export function isActiveGrant(view: { active: boolean; extendsRequestId: string | null }): boolean {
  return view.active && view.extendsRequestId === null;
}

export async function loadRequestRow(client: Db | Tx, id: string): Promise<RequestRow | null> {
  return client.accessRequest.findUnique({ where: { id }, include: requestInclude });
}

export async function loadRequestEvents(client: Db | Tx, requestId: string): Promise<EventRow[]> {
  return client.auditEvent.findMany({
    where: { requestId },
    orderBy: { id: "asc" },
    select: { id: true, at: true, action: true, actorEmail: true, data: true },
  });
}
