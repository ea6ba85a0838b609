import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "@/lib/access/request-cursor";
import { parseInput } from "@/lib/validation";
import type { Actor } from "@/lib/permissions";
import { requestInclude, toRequestView, type AccessRequestView } from "@/lib/access/request-view";

/**
 * Break-glass grants awaiting a post-incident review that the actor may give: not their
 * own, and on a request whose approval groups include one of theirs (admins: all). The
 * same rule as acknowledge-emergency, as a query.
 */
export function emergencyReviewWhere(actor: Actor): Prisma.AccessRequestWhereInput {
  return {
    emergency: true,
    reviewedAt: null,
    requesterId: { not: actor.id },
    ...(actor.isAdmin ? {} : { groups: { some: { groupId: { in: [...actor.groupIds] } } } }),
  };
}

export const EMERGENCY_REVIEW_COUNT_CAP = 100;

/** How many break-glass grants wait for this actor's review (capped, like the review badge). */
export async function countEmergencyReviews(actor: Actor): Promise<number> {
  return db().accessRequest.count({ where: emergencyReviewWhere(actor), take: EMERGENCY_REVIEW_COUNT_CAP });
}

export const emergencyReviewsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be 1 to 100").max(100, "limit must be 1 to 100").default(25),
});


export type EmergencyReviewPage = { items: AccessRequestView[]; nextCursor: string | null; count: number };

/** The post-incident review queue: oldest first, keyset-paginated, with the (capped) total. */
export async function listEmergencyReviews(actor: Actor, raw: unknown, now = new Date()): Promise<EmergencyReviewPage> {
  const q = parseInput(emergencyReviewsQuery, raw);
  const where = emergencyReviewWhere(actor);
  const filters: Prisma.AccessRequestWhereInput[] = [where];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const t = new Date(c.t);
    filters.push({ OR: [{ createdAt: { gt: t } }, { createdAt: t, id: { gt: c.id } }] });
  }
  const [rows, count] = await Promise.all([
    db().accessRequest.findMany({
      where: { AND: filters },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: q.limit + 1,
      include: requestInclude,
    }),
    countEmergencyReviews(actor),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toRequestView(r, now)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
    count,
  };
}
