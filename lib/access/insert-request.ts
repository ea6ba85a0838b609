import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { recordEvent } from "@/lib/audit/record-event";
import { formatDuration } from "@/lib/access/duration";
import { publishRequestEvents, type RequestEvent } from "@/lib/access/publish-request-event";
import type { RequestMeta } from "@/lib/access/context";

export type ConnectionForRequest = {
  id: string;
  name: string;
  autoApproveAdmins: boolean;
  pendingTimeoutSeconds: number;
  distinctApprovers: boolean;
  approvalGroups: { groupId: string; minApprovals: number; group: { name: string } }[];
};

export type NewRequest = {
  connection: ConnectionForRequest;
  durationSeconds: number;
  reason: string;
  ticket?: string | null;
  startsAt?: Date | null;
  emergency?: boolean;
  extendsRequestId?: string | null;
  /** When granting at once, the expiry; defaults to the window start plus the duration. */
  expiresAt?: Date;
};

/**
 * Inserts a request with a snapshot of the connection's approval rule (later edits leave
 * it alone), its audit events and its outbox events. It is granted at once for a
 * break-glass emergency, an admin on a connection that auto-approves admins, or a
 * connection with no approval groups.
 */
export async function insertRequest(tx: Tx, who: { actor: Actor; meta?: RequestMeta; now: Date }, r: NewRequest) {
  const { actor, now } = who;
  const autoApproved = actor.isAdmin && r.connection.autoApproveAdmins;
  const grantedNow = Boolean(r.emergency) || autoApproved || r.connection.approvalGroups.length === 0;
  const windowStart = r.startsAt && r.startsAt > now ? r.startsAt : now;
  const expiresAt = grantedNow ? (r.expiresAt ?? new Date(windowStart.getTime() + r.durationSeconds * 1000)) : null;
  const request = await tx.accessRequest.create({
    data: {
      connectionId: r.connection.id,
      requesterId: actor.id,
      durationSeconds: r.durationSeconds,
      reason: r.reason,
      ticket: r.ticket || null,
      startsAt: r.startsAt ?? null,
      emergency: Boolean(r.emergency),
      extendsRequestId: r.extendsRequestId ?? null,
      distinctApprovers: r.connection.distinctApprovers,
      createdAt: now,
      status: grantedNow ? "APPROVED" : "PENDING",
      autoApproved: grantedNow && !r.emergency,
      decidedAt: grantedNow ? now : null,
      expiresAt,
      pendingExpiresAt: grantedNow ? null : new Date(now.getTime() + r.connection.pendingTimeoutSeconds * 1000),
      groups: {
        create: r.connection.approvalGroups.map((g) => ({ groupId: g.groupId, groupName: g.group.name, minApprovals: g.minApprovals })),
      },
    },
  });
  const ids = { targetType: "access_request", targetId: request.id, requestId: request.id, connectionId: r.connection.id };
  await recordEvent(tx, who, {
    action: r.extendsRequestId ? "request.extension_requested" : "request.created",
    ...ids,
    data: {
      connection: r.connection.name,
      duration: formatDuration(r.durationSeconds),
      reason: r.reason,
      ...(r.ticket ? { ticket: r.ticket } : {}),
      ...(r.startsAt ? { startsAt: r.startsAt.toISOString() } : {}),
      ...(r.extendsRequestId ? { extends: r.extendsRequestId } : {}),
    },
  });
  const at = now.toISOString();
  const events: RequestEvent[] = [{ type: "request.created", requestId: request.id, actorId: actor.id, at }];
  if (grantedNow) {
    await recordEvent(tx, who, {
      action: r.emergency ? "request.emergency_opened" : "request.approved",
      ...ids,
      data: {
        ...(r.emergency ? { emergency: true } : { autoApproved: true }),
        why: r.emergency
          ? "break-glass: member of a break-glass group"
          : autoApproved
            ? "admin requester on a connection that auto-approves admins"
            : "connection needs no approval",
        expiresAt: expiresAt!.toISOString(),
      },
    });
    events.push({ type: "request.approved", requestId: request.id, actorId: actor.id, at });
    if (r.emergency) events.push({ type: "request.emergency", requestId: request.id, actorId: actor.id, at });
  }
  await publishRequestEvents(tx, events);
  return request;
}
