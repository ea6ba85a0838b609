import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { groupsActorCounts } from "@/lib/permissions";
import { recordEvent } from "@/lib/audit/record-event";
import { lockRequest, ruleOf } from "@/lib/access/lock-request";
import { getRequest } from "@/lib/access/get-request";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const acknowledgeEmergencyInput = z.object({
  note: z.string({ error: "A review note is required." }).trim().min(1, "A review note is required.").max(4000),
});

/** Post-incident review: an approver of the connection (or an admin) acknowledges a break-glass grant with a note. */
export async function acknowledgeEmergency(ctx: ActionContext, id: string, raw: unknown): Promise<AccessRequestView> {
  const { note } = parseInput(acknowledgeEmergencyInput, raw);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const row = await lockRequest(tx, id);
    if (!row.emergency) throw conflict("Only break-glass grants go through post-incident review.");
    if (row.reviewedAt) throw conflict(`Already acknowledged at ${row.reviewedAt.toISOString()}.`);
    if (row.requesterId === actor.id) throw forbidden("Someone other than the person who broke the glass must review it.");
    if (!actor.isAdmin && groupsActorCounts(actor, ruleOf(row)).length === 0) {
      throw forbidden("Only an approver of this connection or an admin can acknowledge it.");
    }
    await tx.accessRequest.update({ where: { id }, data: { reviewedAt: now, reviewedById: actor.id, reviewNote: note } });
    await recordEvent(tx, { actor, meta: ctx.meta, now }, {
      action: "request.emergency_reviewed",
      targetType: "access_request",
      targetId: id,
      requestId: id,
      connectionId: row.connectionId,
      data: { note },
    });
    return getRequest(actor, id, now, tx);
  });
}
