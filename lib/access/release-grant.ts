import { inTransaction } from "@/lib/db";
import { conflict, forbidden } from "@/lib/errors";
import { recordEvent } from "@/lib/audit/record-event";
import { lockRequest } from "@/lib/access/lock-request";
import { getRequest } from "@/lib/access/get-request";
import { isGrantLive } from "@/lib/access/request-view";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

/**
 * The requester ends their own grant early. It ends like a revocation (access is
 * removed at once) and is audited as released by the requester.
 */
export async function releaseGrant(ctx: ActionContext, id: string): Promise<AccessRequestView> {
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const row = await lockRequest(tx, id);
    if (row.requesterId !== actor.id) throw forbidden("Only the requester can release their grant; admins revoke.");
    if (row.status !== "APPROVED" || row.extendsRequestId) {
      throw conflict(`The request is ${row.status}; only an active grant can be released.`, { status: row.status });
    }
    if (!isGrantLive(row, now) && row.expiresAt && row.expiresAt <= now) {
      throw conflict(`The grant already expired at ${row.expiresAt.toISOString()}; nothing to release.`, { status: row.status });
    }
    await tx.accessRequest.update({
      where: { id },
      data: { status: "REVOKED", endedAt: now, endedById: actor.id, endNote: "Released early by the requester" },
    });
    await recordEvent(tx, { actor, meta: ctx.meta, now }, {
      action: "request.released",
      targetType: "access_request",
      targetId: id,
      requestId: id,
      connectionId: row.connectionId,
      data: { by: "requester" },
    });
    // Reactions (deprovisioning, notifications) are those of a revocation.
    await publishRequestEvents(tx, [{ type: "request.revoked", requestId: id, actorId: actor.id, at: now.toISOString() }]);
    return getRequest(actor, id, now, tx);
  });
}
