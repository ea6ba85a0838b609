import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { invalidInput } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { requestInclude, toRequestView, type AccessRequestView } from "@/lib/access/request-view";

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
type Cursor = { t: string; id: string };

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
    if (typeof c.t === "string" && typeof c.id === "string" && !Number.isNaN(Date.parse(c.t))) return c;
  } catch {
    // fall through
  }
  throw invalidInput("cursor is not one this API returned.");
}

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

function visibleWhere(actor: Actor): Prisma.AccessRequestWhereInput {
  if (actor.isAdmin) return {};
  return { OR: [{ requesterId: actor.id }, { groups: { some: { groupId: { in: [...actor.groupIds] } } } }] };
}

/**
 * Keyset-paginated lists: newest first, except the review queue, which serves the
 * longest-waiting request first. Relations load in batched queries, never per row.
 */
export async function listRequests(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<{ items: AccessRequestView[]; nextCursor: string | null }> {
  const q = parseInput(listRequestsQuery, raw);
  const oldestFirst = q.reviewable || q.needsReview;
  const filters: Prisma.AccessRequestWhereInput[] = [visibleWhere(actor)];
  if (q.status) filters.push({ status: q.status });
  if (q.connection) filters.push({ connection: { name: q.connection } });
  if (q.mine) filters.push({ requesterId: actor.id });
  if (q.reviewable) filters.push(reviewableWhere(actor));
  if (q.needsReview) filters.push({ emergency: true, reviewedAt: null });
  if (q.decidedByMe) {
    filters.push({ OR: [{ approvals: { some: { userId: actor.id } } }, { decidedById: actor.id }] });
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const t = new Date(c.t);
    const cmp = oldestFirst ? "gt" : "lt";
    filters.push({ OR: [{ createdAt: { [cmp]: t } }, { createdAt: t, id: { [cmp]: c.id } }] });
  }
  const order = oldestFirst ? "asc" : "desc";
  const rows = await db().accessRequest.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: order }, { id: order }],
    take: q.limit + 1,
    include: requestInclude,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toRequestView(r, now)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
