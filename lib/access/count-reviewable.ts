import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { reviewableWhere } from "@/lib/access/list-requests";

/** Counting stops here: the navigation badge shows "99+" above it, and the count stays cheap. */
export const REVIEWABLE_COUNT_CAP = 100;

/** How many requests the actor can act on now (the review queue's size), capped. */
export async function countReviewable(actor: Actor): Promise<number> {
  return db().accessRequest.count({ where: reviewableWhere(actor), take: REVIEWABLE_COUNT_CAP });
}
