import { inTransaction, type Tx } from "@/lib/db";
import { conflict, forbidden } from "@/lib/errors";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import { wakeOutboxWorker } from "@/lib/outbox/wake";
import { activateJobKey, deactivateJobKey } from "@/lib/provisioning/jobs";
import { grantChanged } from "@/lib/provisioning/changes";
import { loadVisibleGrant, toGrantView, type GrantView } from "@/lib/provisioning/grant-view";

/**
 * "Retry" on a grant whose provisioning failed (the requester or an admin, while the
 * grant is active) or whose removal failed (admins). The grant's own job row runs
 * again at once with fresh attempts: never a second job beside it, so two attempts on
 * one grant never race.
 */
export async function retryGrant(ctx: ActionContext, requestId: string): Promise<GrantView> {
  const now = ctx.now ?? new Date();
  const view = await inTransaction(async (tx) => {
    await tx.$queryRaw`SELECT request_id FROM access_grants WHERE request_id = ${requestId} FOR UPDATE`;
    const { row, grant } = await loadVisibleGrant(ctx.actor, requestId, tx);
    const current = toGrantView(grant, row, ctx.actor, now);
    if (!grant) throw conflict(`${row.connection.name} has no provisioner; there is nothing to retry.`);
    if (!current.canRetry) {
      if (grant.status === "DEPROVISION_FAILED") throw forbidden("Only admins can retry removing access.");
      if ((grant.status === "FAILED" || grant.lastError) && !(ctx.actor.isAdmin || ctx.actor.id === row.requesterId)) {
        throw forbidden("Only the requester or an admin can retry provisioning.");
      }
      throw conflict(`Nothing to retry: ${current.summary}`, { grantStatus: grant.status, status: row.status });
    }
    const key = current.canRetry === "provision" ? activateJobKey(requestId) : deactivateJobKey(requestId);
    await runAgain(tx, key, now);
    if (grant.status === "FAILED") await tx.accessGrant.update({ where: { requestId }, data: { status: "PROVISIONING" } });
    await recordEvent(tx, { ...ctx, now }, {
      action: current.canRetry === "provision" ? "grant.provision_retried" : "grant.deprovision_retried",
      targetType: "access_grant",
      targetId: requestId,
      requestId,
      connectionId: row.connectionId,
      data: { previousError: grant.lastError },
    });
    const updated = await tx.accessGrant.findUnique({ where: { requestId } });
    return toGrantView(updated, row, ctx.actor, now);
  });
  wakeOutboxWorker();
  grantChanged(requestId);
  return view;
}

async function runAgain(tx: Tx, dedupeKey: string, now: Date): Promise<void> {
  const job = await tx.outboxJob.findUnique({ where: { dedupeKey } });
  if (!job) throw conflict("The grant's job is missing; contact an admin.");
  if (job.status === "PENDING" && job.lockedUntil && job.lockedUntil > now) {
    throw conflict("An attempt is running right now; wait for its result.");
  }
  await tx.outboxJob.update({
    where: { id: job.id },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lockedUntil: null, doneAt: null },
  });
}
