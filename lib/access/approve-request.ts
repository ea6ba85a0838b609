import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict, invalidInput } from "@/lib/errors";
import { assertCanApprove, type RequestGroupRule } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import { groupProgress, isFullyApproved, type ApprovalRecord } from "@/lib/access/approval-progress";
import { lockRequest, ruleOf } from "@/lib/access/lock-request";
import { getRequest } from "@/lib/access/get-request";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import { completeApproval } from "@/lib/access/complete-approval";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const approveRequestInput = z.object({
  comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters.").optional(),
  /** With distinct approvers per group: the group this approval is for. */
  group: z.string().trim().min(1).max(100).optional(),
});

export function assertNotTimedOut(row: { pendingExpiresAt: Date | null }, now: Date): void {
  if (row.pendingExpiresAt && row.pendingExpiresAt <= now) {
    throw conflict(`The request timed out at ${row.pendingExpiresAt.toISOString()} without a decision.`, { status: "EXPIRED" });
  }
}

/**
 * Separation of duties: an approval counts for one group only. The approver names it
 * when they are in several; if only one of their groups still needs approvals, that one.
 */
function chooseGroup(
  rule: RequestGroupRule[],
  approvals: readonly ApprovalRecord[],
  eligible: string[],
  wanted: string | undefined,
): string {
  const names = (ids: string[]) => rule.filter((g) => ids.includes(g.groupId)).map((g) => g.groupName);
  if (wanted !== undefined) {
    const chosen = rule.find((g) => g.groupName === wanted);
    if (!chosen || !eligible.includes(chosen.groupId)) {
      throw invalidInput(`You can approve for ${names(eligible).join(" or ")}, not "${wanted}".`);
    }
    return chosen.groupId;
  }
  if (eligible.length === 1) return eligible[0]!;
  const open = groupProgress(rule, approvals).filter((g) => !g.satisfied && eligible.includes(g.groupId)).map((g) => g.groupId);
  if (open.length === 1) return open[0]!;
  throw invalidInput(`You are in several approval groups of this request (${names(eligible).join(", ")}): choose the one you approve for.`);
}

/**
 * Records one approval, counted toward every required group the approver is in.
 * Approving twice is a no-op. The last approval a request needs flips it to APPROVED.
 */
export async function approveRequest(ctx: ActionContext, id: string, raw: unknown = {}): Promise<AccessRequestView> {
  const { comment, group } = parseInput(approveRequestInput, raw);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const row = await lockRequest(tx, id);
    const rule = ruleOf(row);
    const eligibleGroups = assertCanApprove(actor, row.requesterId, rule);
    if (row.approvals.some((a) => a.userId === actor.id)) return getRequest(actor, id, now, tx);
    if (row.status !== "PENDING") throw conflict(`The request is ${row.status}; only a PENDING request can be approved.`, { status: row.status });
    assertNotTimedOut(row, now);
    const countedGroups = row.distinctApprovers ? [chooseGroup(rule, row.approvals, eligibleGroups, group)] : eligibleGroups;

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
