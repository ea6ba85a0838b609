import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { assertCanReject } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import { lockRequest, ruleOf } from "@/lib/access/lock-request";
import { getRequest } from "@/lib/access/get-request";
import { assertNotTimedOut } from "@/lib/access/approve-request";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const rejectRequestInput = z.object({
  reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").optional(),
});

/** Any eligible approver or an admin ends a PENDING request; recorded approvals are kept. */
export async function rejectRequest(ctx: ActionContext, id: string, raw: unknown = {}): Promise<AccessRequestView> {
  const { reason } = parseInput(rejectRequestInput, raw);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const row = await lockRequest(tx, id);
    assertCanReject(actor, row.requesterId, ruleOf(row));
    if (row.status !== "PENDING") throw conflict(`The request is ${row.status}; only a PENDING request can be rejected.`, { status: row.status });
    assertNotTimedOut(row, now);
    await tx.accessRequest.update({
      where: { id },
      data: { status: "REJECTED", decidedAt: now, decidedById: actor.id, decisionNote: reason || null },
    });
    await recordEvent(tx, { actor, meta: ctx.meta, now }, {
      action: "request.rejected",
      targetType: "access_request",
      targetId: id,
      requestId: id,
      connectionId: row.connectionId,
      data: reason ? { reason } : {},
    });
    await publishRequestEvents(tx, [{ type: "request.rejected", requestId: id, actorId: actor.id, at: now.toISOString() }]);
    return getRequest(actor, id, now, tx);
  });
}
