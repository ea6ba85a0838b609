import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { assertCanApprove } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import { isFullyApproved } from "@/lib/access/approval-progress";
import { lockRequest, ruleOf } from "@/lib/access/lock-request";
import { getRequest } from "@/lib/access/get-request";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import { completeApproval } from "@/lib/access/complete-approval";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const approveRequestInput = z.object({
  comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters.").optional(),
});

/**
 * Records one approval, counted toward every required group the approver is in.
 * Approving twice is a no-op. The last approval a request needs flips it to APPROVED.
 */
export async function approveRequest(ctx: ActionContext, id: string, raw: unknown = {}): Promise<AccessRequestView> {
  const { comment } = parseInput(approveRequestInput, raw);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const row = await lockRequest(tx, id);
    const rule = ruleOf(row);
    const countedGroups = assertCanApprove(actor, row.requesterId, rule);
    if (row.approvals.some((a) => a.userId === actor.id)) return getRequest(actor, id, now, tx);
    if (row.status !== "PENDING") throw conflict(`The request is ${row.status}; only a PENDING request can be approved.`, { status: row.status });

    await tx.approval.create({ data: { requestId: id, userId: actor.id, comment: comment || null, countedGroups, createdAt: now } });
    const groupNames = rule.filter((g) => countedGroups.includes(g.groupId)).map((g) => g.groupName);
    const who = { actor, meta: ctx.meta, now };
    await recordEvent(tx, who, {
      action: "request.approval_added",
      targetType: "access_request",
      targetId: id,
      requestId: id,
      connectionId: row.connectionId,
      data: { groups: groupNames, ...(comment ? { comment } : {}) },
    });
    await publishRequestEvents(tx, [{ type: "request.approval_added", requestId: id, actorId: actor.id, at: now.toISOString() }]);
    const approvals = [...row.approvals, { userId: actor.id, countedGroups, forced: false }];
    if (isFullyApproved(rule, approvals)) {
      await completeApproval(tx, who, row, { forced: false });
    }
    return getRequest(actor, id, now, tx);
  });
}
