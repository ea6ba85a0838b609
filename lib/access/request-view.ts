import type { Db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatDuration } from "@/lib/access/duration";
import { groupProgress } from "@/lib/access/approval-progress";

export const requestInclude = {
  connection: { select: { id: true, name: true, type: true } },
  requester: { select: { id: true, email: true, name: true } },
  groups: { orderBy: { groupName: "asc" } },
  approvals: { orderBy: { createdAt: "asc" }, include: { user: { select: { id: true, email: true, name: true } } } },
} satisfies Prisma.AccessRequestInclude;

export type RequestRow = Prisma.AccessRequestGetPayload<{ include: typeof requestInclude }>;

type EventRow = { id: bigint; at: Date; action: string; actorEmail: string | null; data: Prisma.JsonValue };

export type AccessRequestView = ReturnType<typeof toRequestView>;

/** The API/UI shape of a request. `active` is evaluated against `now`: an APPROVED grant past its expiry grants nothing. */
export function toRequestView(row: RequestRow, now: Date, events?: EventRow[]) {
  const progress = groupProgress(
    row.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals })),
    row.approvals,
  );
  const approvalsById = new Map(row.approvals.map((a) => [a.userId, a]));
  const active = isGrantLive(row, now);
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
    expiresAt: row.expiresAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    autoApproved: row.autoApproved,
    forced: row.forced,
    ticket: row.ticket,
    startsAt: row.startsAt?.toISOString() ?? null,
    pendingExpiresAt: row.pendingExpiresAt?.toISOString() ?? null,
    emergency: row.emergency,
    review: row.emergency ? { acknowledgedAt: row.reviewedAt?.toISOString() ?? null, note: row.reviewNote } : null,
    extendsRequestId: row.extendsRequestId,
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
