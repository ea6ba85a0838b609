import { inTransaction } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";

/** An admin sends a dead job round again, with a fresh set of attempts. */
export async function retryDeadJob(ctx: ActionContext, jobId: string): Promise<{ id: string; status: "PENDING" }> {
  requireAdmin(ctx.actor, "retry notifications");
  return inTransaction(async (tx) => {
    const job = await tx.outboxJob.findUnique({ where: { id: jobId }, select: { id: true, status: true, kind: true } });
    if (!job) throw notFound(`No notification job with id "${jobId}".`);
    if (job.status !== "DEAD") throw conflict(`The job is ${job.status}; only a DEAD job can be retried.`);
    await tx.outboxJob.update({
      where: { id: jobId },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: ctx.now ?? new Date(), lockedUntil: null },
    });
    await recordEvent(tx, ctx, { action: "outbox.job_retried", targetType: "outbox_job", targetId: jobId, data: { kind: job.kind } });
    return { id: jobId, status: "PENDING" as const };
  });
}
