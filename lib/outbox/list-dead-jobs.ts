import { db } from "@/lib/db";
import { requireAdmin, type Actor } from "@/lib/permissions";

export type DeadJobView = { id: string; kind: string; attempts: number; lastError: string | null; requestId: string | null; createdAt: string; payload: unknown };

/** Jobs that exhausted their retries, newest first, for Admin → Notifications. */
export async function listDeadJobs(actor: Actor, limit = 100): Promise<DeadJobView[]> {
  requireAdmin(actor, "see failed notifications");
  const jobs = await db().outboxJob.findMany({ where: { status: "DEAD" }, orderBy: { createdAt: "desc" }, take: limit });
  return jobs.map((j) => ({
    id: j.id,
    kind: j.kind,
    attempts: j.attempts,
    lastError: j.lastError,
    requestId: j.requestId,
    createdAt: j.createdAt.toISOString(),
    payload: j.payload,
  }));
}
