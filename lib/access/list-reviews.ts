import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import type { Actor } from "@/lib/permissions";
import { listRequests } from "@/lib/access/list-requests";
import { actionableSelect, allowedActions, type AllowedActions } from "@/lib/access/allowed-actions";
import { approveGroupChoices } from "@/lib/access/lifecycle-actions";
import type { AccessRequestView } from "@/lib/access/request-view";

export const listReviewsQuery = z.object({
  tab: z.enum(["queue", "decided"], { error: "tab must be queue or decided" }).default("queue"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be 1 to 100").max(100, "limit must be 1 to 100").default(25),
});

export type ReviewItem = AccessRequestView & {
  allowedActions: AllowedActions;
  /** With distinct approvers: the groups the caller must choose between to approve (empty: no choice). */
  approveGroupChoices: string[];
};

/**
 * The review queue (pending requests the caller can act on, oldest first) or the
 * requests the caller has decided (newest first), each with what the caller may do
 * now. Keyset pages from listRequests; the permissions come from one batched query.
 */
export async function listReviews(actor: Actor, raw: unknown, now = new Date()): Promise<{ items: ReviewItem[]; nextCursor: string | null }> {
  const q = parseInput(listReviewsQuery, raw);
  const page = await listRequests(
    actor,
    { ...(q.tab === "queue" ? { reviewable: "1" } : { decidedByMe: "1" }), cursor: q.cursor, limit: q.limit },
    now,
  );
  if (page.items.length === 0) return { items: [], nextCursor: page.nextCursor };
  const rows = await db().accessRequest.findMany({ where: { id: { in: page.items.map((r) => r.id) } }, select: actionableSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: page.items.map((item) => {
      const row = byId.get(item.id)!;
      return { ...item, allowedActions: allowedActions(actor, row, now), approveGroupChoices: approveGroupChoices(actor, row) };
    }),
    nextCursor: page.nextCursor,
  };
}
