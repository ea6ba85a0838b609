import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { retryDelayMs } from "@/lib/outbox/backoff";
import { PermanentJobError, type ClaimedJob, type JobHandler } from "@/lib/outbox/job-handler";
import { jobHandlers } from "@/lib/outbox/job-handlers";

const LEASE_MS = 5 * 60_000;

type Row = {
  id: string;
  kind: string;
  payload: Prisma.JsonObject;
  attempts: number;
  max_attempts: number;
  request_id: string | null;
  dedupe_key: string;
};

export type DispatchResult = { claimed: number; done: number; retrying: number; dead: number };

/**
 * Claims due jobs under a lease and runs them. Claiming skips rows another
 * dispatcher holds, so instances never run the same job at the same time; a
 * crashed dispatcher's lease lapses and the job is retried.
 */
export async function dispatchJobs(
  opts: {
    now?: Date;
    limit?: number;
    handlers?: Record<string, JobHandler>;
    kinds?: string[];
    /** Leave these kinds to another lane (the provisioning worker). */
    excludeKinds?: string[];
    /** Only these requests' jobs (tests sharing one database). */
    requestIds?: string[];
  } = {},
): Promise<DispatchResult> {
  const now = opts.now ?? new Date();
  const handlers = opts.handlers ?? jobHandlers;
  const kinds = opts.kinds ?? null;
  const excludeKinds = opts.excludeKinds ?? null;
  const requestIds = opts.requestIds ?? null;
  const rows = await db().$queryRaw<Row[]>`
    UPDATE outbox_jobs SET locked_until = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox_jobs
      WHERE status = 'PENDING' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
        AND (${kinds}::text[] IS NULL OR kind = ANY(${kinds}::text[]))
        AND (${excludeKinds}::text[] IS NULL OR kind <> ALL(${excludeKinds}::text[]))
        AND (${requestIds}::text[] IS NULL OR request_id = ANY(${requestIds}::text[]))
      ORDER BY next_attempt_at
      LIMIT ${opts.limit ?? 25}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, attempts, max_attempts, request_id, dedupe_key`;

  const result: DispatchResult = { claimed: rows.length, done: 0, retrying: 0, dead: 0 };
  for (const row of rows) {
    const job: ClaimedJob = {
      id: row.id,
      kind: row.kind,
      payload: row.payload,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      requestId: row.request_id,
      dedupeKey: row.dedupe_key,
    };
    const outcome = await runOne(job, handlers[job.kind], now);
    result[outcome]++;
  }
  return result;
}

async function runOne(job: ClaimedJob, handler: JobHandler | undefined, now: Date): Promise<"done" | "retrying" | "dead"> {
  try {
    if (!handler) throw new PermanentJobError(`No handler for job kind "${job.kind}"`);
    const output = await handler(job, now);
    await db().outboxJob.update({
      where: { id: job.id },
      data: { status: "DONE", doneAt: new Date(), lockedUntil: null, lastError: null, ...(output !== undefined ? { result: output } : {}) },
    });
    return "done";
  } catch (error) {
    const message = (error as Error).message?.slice(0, 2000) || String(error);
    const dead = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
    await db().outboxJob.update({
      where: { id: job.id },
      data: dead
        ? { status: "DEAD", lockedUntil: null, lastError: message }
        : { lockedUntil: null, lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(job.attempts)) },
    });
    if (dead) console.error(`Timebox: job ${job.kind} ${job.id} is dead after ${job.attempts} attempt(s): ${message}`);
    return dead ? "dead" : "retrying";
  }
}
