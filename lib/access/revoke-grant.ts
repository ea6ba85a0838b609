import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import { lockRequest } from "@/lib/access/lock-request";
import { getRequest } from "@/lib/access/get-request";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const revokeGrantInput = z.object({
  reason: z.string({ error: "A reason is required to revoke." }).trim().min(1, "A reason is required to revoke.").max(2000),
});

/** Admin ends an active grant early. A grant already past its expiry has ended by itself and cannot be revoked. */
export async function revokeGrant(ctx: ActionContext, id: string, raw: unknown): Promise<AccessRequestView> {
  const { reason } = parseInput(revokeGrantInput, raw);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const row = await lockRequest(tx, id);
    requireAdmin(actor, "revoke access");
    if (row.status !== "APPROVED") throw conflict(`The request is ${row.status}; only an active APPROVED grant can be revoked.`, { status: row.status });
    if (row.expiresAt && row.expiresAt <= now) {
      throw conflict(`The grant already expired at ${row.expiresAt.toISOString()}; nothing to revoke.`, { status: row.status });
    }
    await tx.accessRequest.update({ where: { id }, data: { status: "REVOKED", endedAt: now, endedById: actor.id, endNote: reason } });
    await recordEvent(tx, { actor, meta: ctx.meta, now }, {
      action: "request.revoked",
      targetType: "access_request",
      targetId: id,
      requestId: id,
      connectionId: row.connectionId,
      data: { reason },
    });
    await publishRequestEvents(tx, [{ type: "request.revoked", requestId: id, actorId: actor.id, at: now.toISOString() }]);
    return getRequest(actor, id, now, tx);
  });
}
