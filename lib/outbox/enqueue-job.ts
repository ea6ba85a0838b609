import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type NewJob = {
  kind: string;
  payload: Prisma.InputJsonObject;
  /** One job per key, ever: queueing the same work twice is a no-op. */
  dedupeKey: string;
  requestId?: string;
  runAt?: Date;
  maxAttempts?: number;
};

const transactionsWithJobs = new WeakSet<object>();

/** Queues jobs inside the caller's transaction: they exist if and only if the change commits. */
export async function enqueueJobs(tx: Tx, jobs: NewJob[]): Promise<void> {
  if (!jobs.length) return;
  await tx.outboxJob.createMany({
    data: jobs.map((j) => ({
      kind: j.kind,
      payload: j.payload,
      dedupeKey: j.dedupeKey,
      requestId: j.requestId ?? null,
      nextAttemptAt: j.runAt ?? new Date(),
      ...(j.maxAttempts ? { maxAttempts: j.maxAttempts } : {}),
    })),
    skipDuplicates: true,
  });
  transactionsWithJobs.add(tx);
}

export function queuedJobsIn(tx: object): boolean {
  return transactionsWithJobs.has(tx);
}
