import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma, type RequestStatus } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { decodeCursor, encodeCursor } from "@/lib/access/request-cursor";
import type { Actor } from "@/lib/permissions";
import { toRequestView, type AccessRequestView, type RequestRow } from "@/lib/access/request-view";

const STATUSES = ["PENDING", "APPROVED", "REJECTED", "REVOKED", "EXECUTED", "EXPIRED"] as const;
const flag = z.enum(["0", "1", "true", "false"]).optional().transform((v) => v === "1" || v === "true");

export const listRequestsQuery = z.object({
  status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(", ")}` }).optional(),
  connection: z.string().trim().min(1).max(200).optional(),
  mine: flag,
  reviewable: flag,
  decidedByMe: flag,
  /** Break-glass grants still waiting for their post-incident review. */
  needsReview: flag,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be 1 to 100").max(100, "limit must be 1 to 100").default(25),
});

export type ListRequestsQuery = z.input<typeof listRequestsQuery>;

/** Requests the caller can act on now: pending, needing a group they are in (or any, for admins), not yet approved by them. */
export function reviewableWhere(actor: Actor): Prisma.AccessRequestWhereInput {
  return {
    status: "PENDING",
    approvals: { none: { userId: actor.id } },
    ...(actor.isAdmin
      ? {}
      : { requesterId: { not: actor.id }, groups: { some: { groupId: { in: [...actor.groupIds] } } } }),
  };
}

/** Pending requests in one of the caller's groups (or any, for admins): a request needs every one of its groups. */
const inMyGroups = (actor: Actor) =>
  Prisma.sql`EXISTS (SELECT 1 FROM request_groups g WHERE g.request_id = r.id AND g.group_id = ANY(${[...actor.groupIds]}::text[]))`;
const approvedByMe = (actor: Actor) => Prisma.sql`EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = r.id AND a.user_id = ${actor.id})`;

/**
 * Keyset-paginated lists: newest first, except the review queue, which serves the
 * longest-waiting request first. One statement per page, relations included (see
 * loadRequestPage); the filters are reviewableWhere's and the visibility rule, in SQL.
 */
export async function listRequests(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<{ items: AccessRequestView[]; nextCursor: string | null }> {
  const q = parseInput(listRequestsQuery, raw);
  const oldestFirst = q.reviewable || q.needsReview;
  const filters: Prisma.Sql[] = [];
  // Visible: admins see everything, others their own requests and those needing one of their
  // groups. `mine` and a non-admin's `reviewable` imply it, and leaving it out spares the planner an OR.
  if (!actor.isAdmin && !q.mine && !q.reviewable) filters.push(Prisma.sql`(r.requester_id = ${actor.id} OR ${inMyGroups(actor)})`);
  if (q.status) filters.push(Prisma.sql`r.status = ${q.status satisfies RequestStatus}::"RequestStatus"`);
  if (q.connection) filters.push(Prisma.sql`r.connection_id = (SELECT id FROM connections WHERE name = ${q.connection})`);
  if (q.mine) filters.push(Prisma.sql`r.requester_id = ${actor.id}`);
  if (q.reviewable) {
    // reviewableWhere: pending, not yet approved by the caller, and for non-admins not their own and in their groups.
    filters.push(Prisma.sql`r.status = 'PENDING' AND NOT ${approvedByMe(actor)}`);
    if (!actor.isAdmin) filters.push(Prisma.sql`r.requester_id <> ${actor.id} AND ${inMyGroups(actor)}`);
  }
  if (q.needsReview) filters.push(Prisma.sql`r.emergency AND r.reviewed_at IS NULL`);
  if (q.decidedByMe) filters.push(Prisma.sql`(${approvedByMe(actor)} OR r.decided_by_id = ${actor.id})`);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const t = new Date(c.t);
    filters.push(
      oldestFirst
        ? Prisma.sql`(r.created_at > ${t} OR (r.created_at = ${t} AND r.id > ${c.id}))`
        : Prisma.sql`(r.created_at < ${t} OR (r.created_at = ${t} AND r.id < ${c.id}))`,
    );
  }
  const rows = await loadRequestPage(filters, oldestFirst ? "asc" : "desc", q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toRequestView(r, now)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** One row of loadRequestPage's statement: the request's columns, then its relations. */
type PageRow = {
  id: string; connectionId: string; requesterId: string; status: RequestStatus; durationSeconds: number; reason: string;
  createdAt: Date; decidedAt: Date | null; expiresAt: Date | null; endedAt: Date | null; autoApproved: boolean; forced: boolean;
  decidedById: string | null; decisionNote: string | null; endedById: string | null; endNote: string | null; ticket: string | null;
  startsAt: Date | null; pendingExpiresAt: Date | null; emergency: boolean; reviewedAt: Date | null; reviewedById: string | null;
  reviewNote: string | null; extendsRequestId: string | null; distinctApprovers: boolean;
  connectionName: string; connectionType: string; requesterEmail: string; requesterName: string | null;
  groups: { groupId: string; groupName: string; minApprovals: number }[];
  approvals: { userId: string; comment: string | null; countedGroups: string[]; forced: boolean; createdAtMs: number; email: string; name: string | null }[];
  /** The grant an extension adds time to (null for any other request). */
  xId: string | null; xStatus: RequestStatus | null; xExpiresAt: Date | null; xStartsAt: Date | null; xEndedAt: Date | null; xExtendsRequestId: string | null;
};

/**
 * The requests matching `filters` (SQL conditions on `r`, an access_requests row), ordered by
 * (created_at, id), at most `limit`, each with what requestInclude loads: connection, requester,
 * groups by name, approvals (with their user) by time, and an extension's grant. One statement;
 * Prisma's include would take a query per relation, each compiled on every call. The result is
 * built field by field, so a field added to RequestRow fails to compile here until it is loaded.
 */
export async function loadRequestPage(filters: Prisma.Sql[], order: "asc" | "desc", limit: number): Promise<RequestRow[]> {
  const where = filters.length ? Prisma.join(filters, " AND ") : Prisma.sql`true`;
  const orderBy = order === "asc" ? Prisma.sql`r.created_at ASC, r.id ASC` : Prisma.sql`r.created_at DESC, r.id DESC`;
  const rows = await db().$queryRaw<PageRow[]>`
    WITH page AS (SELECT r.* FROM access_requests r WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit})
    SELECT r.id, r.connection_id AS "connectionId", r.requester_id AS "requesterId", r.status::text AS status,
      r.duration_seconds AS "durationSeconds", r.reason, r.created_at AS "createdAt", r.decided_at AS "decidedAt",
      r.expires_at AS "expiresAt", r.ended_at AS "endedAt", r.auto_approved AS "autoApproved", r.forced,
      r.decided_by_id AS "decidedById", r.decision_note AS "decisionNote", r.ended_by_id AS "endedById",
      r.end_note AS "endNote", r.ticket, r.starts_at AS "startsAt", r.pending_expires_at AS "pendingExpiresAt",
      r.emergency, r.reviewed_at AS "reviewedAt", r.reviewed_by_id AS "reviewedById", r.review_note AS "reviewNote",
      r.extends_request_id AS "extendsRequestId", r.distinct_approvers AS "distinctApprovers",
      c.name AS "connectionName", c.type AS "connectionType", u.email AS "requesterEmail", u.name AS "requesterName",
      (SELECT coalesce(json_agg(json_build_object('groupId', g.group_id, 'groupName', g.group_name, 'minApprovals', g.min_approvals)
                ORDER BY g.group_name), '[]')
         FROM request_groups g WHERE g.request_id = r.id) AS groups,
      (SELECT coalesce(json_agg(json_build_object('userId', a.user_id, 'comment', a.comment, 'countedGroups', a.counted_groups,
                'forced', a.forced, 'createdAtMs', round(extract(epoch FROM a.created_at) * 1000), 'email', au.email, 'name', au.name)
                ORDER BY a.created_at), '[]')
         FROM approvals a JOIN users au ON au.id = a.user_id WHERE a.request_id = r.id) AS approvals,
      x.id AS "xId", x.status::text AS "xStatus", x.expires_at AS "xExpiresAt", x.starts_at AS "xStartsAt",
      x.ended_at AS "xEndedAt", x.extends_request_id AS "xExtendsRequestId"
    FROM page r
    JOIN connections c ON c.id = r.connection_id
    JOIN users u ON u.id = r.requester_id
    LEFT JOIN access_requests x ON x.id = r.extends_request_id
    ORDER BY ${orderBy}`;
  return rows.map((r) => ({
    id: r.id,
    connectionId: r.connectionId,
    requesterId: r.requesterId,
    status: r.status,
    durationSeconds: r.durationSeconds,
    reason: r.reason,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    expiresAt: r.expiresAt,
    endedAt: r.endedAt,
    autoApproved: r.autoApproved,
    forced: r.forced,
    decidedById: r.decidedById,
    decisionNote: r.decisionNote,
    endedById: r.endedById,
    endNote: r.endNote,
    ticket: r.ticket,
    startsAt: r.startsAt,
    pendingExpiresAt: r.pendingExpiresAt,
    emergency: r.emergency,
    reviewedAt: r.reviewedAt,
    reviewedById: r.reviewedById,
    reviewNote: r.reviewNote,
    extendsRequestId: r.extendsRequestId,
    distinctApprovers: r.distinctApprovers,
    connection: { id: r.connectionId, name: r.connectionName, type: r.connectionType },
    requester: { id: r.requesterId, email: r.requesterEmail, name: r.requesterName },
    groups: r.groups.map((g) => ({ requestId: r.id, groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals })),
    approvals: r.approvals.map((a) => ({
      requestId: r.id,
      userId: a.userId,
      comment: a.comment,
      countedGroups: a.countedGroups,
      forced: a.forced,
      createdAt: new Date(a.createdAtMs),
      user: { id: a.userId, email: a.email, name: a.name },
    })),
    extendsRequest:
      r.xId === null
        ? null
        : { id: r.xId, status: r.xStatus!, expiresAt: r.xExpiresAt, startsAt: r.xStartsAt, endedAt: r.xEndedAt, extendsRequestId: r.xExtendsRequestId },
  }));
}
