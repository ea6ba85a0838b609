import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { recordEvent } from "@/lib/audit/record-event";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import { applyExtension } from "@/lib/access/apply-extension";
import type { RequestMeta } from "@/lib/access/context";
import type { RequestRow } from "@/lib/access/request-view";

/**
 * PENDING → APPROVED. The grant window opens now, or at the scheduled start if that is
 * later, and lasts the requested duration; an extension instead moves its grant's
 * expiry. Caller holds the row lock.
 */
export async function completeApproval(
  tx: Tx,
  who: { actor: Actor; meta?: RequestMeta; now: Date },
  row: RequestRow,
  how: { forced: boolean; note?: string },
): Promise<void> {
  const windowStart = row.startsAt && row.startsAt > who.now ? row.startsAt : who.now;
  const expiresAt = row.extendsRequestId
    ? await applyExtension(tx, who, row)
    : new Date(windowStart.getTime() + row.durationSeconds * 1000);
  await tx.accessRequest.update({
    where: { id: row.id },
    data: {
      status: "APPROVED",
      decidedAt: who.now,
      decidedById: who.actor.id,
      expiresAt,
      forced: how.forced,
      decisionNote: how.note ?? null,
    },
  });
  await recordEvent(tx, who, {
    action: how.forced ? "request.force_approved" : "request.approved",
    targetType: "access_request",
    targetId: row.id,
    requestId: row.id,
    connectionId: row.connectionId,
    data: { expiresAt: expiresAt.toISOString(), ...(how.note ? { reason: how.note } : {}) },
  });
  await publishRequestEvents(tx, [{ type: "request.approved", requestId: row.id, actorId: who.actor.id, at: who.now.toISOString() }]);
}
