import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { lockRequest, ruleOf } from "@/lib/access/lock-request";
import { getRequest } from "@/lib/access/get-request";
import { assertNotTimedOut } from "@/lib/access/approve-request";
import { completeApproval } from "@/lib/access/complete-approval";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const forceApproveInput = z.object({
  reason: z.string({ error: "A reason is required to force approve." }).trim().min(1, "A reason is required to force approve.").max(2000),
});

/** Admin override: completes every group at once, marked as forced, with a mandatory reason. */
export async function forceApproveRequest(ctx: ActionContext, id: string, raw: unknown): Promise<AccessRequestView> {
  const { reason } = parseInput(forceApproveInput, raw);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const row = await lockRequest(tx, id);
    requireAdmin(actor, "force approve a request");
    if (row.status !== "PENDING") throw conflict(`The request is ${row.status}; only a PENDING request can be force approved.`, { status: row.status });
    assertNotTimedOut(row, now);
    const allGroups = ruleOf(row).map((g) => g.groupId);
    await tx.approval.upsert({
      where: { requestId_userId: { requestId: id, userId: actor.id } },
      create: { requestId: id, userId: actor.id, comment: reason, countedGroups: allGroups, forced: true, createdAt: now },
      update: { countedGroups: allGroups, forced: true },
    });
    await completeApproval(tx, { actor, meta: ctx.meta, now }, row, { forced: true, note: reason });
    return getRequest(actor, id, now, tx);
  });
}
