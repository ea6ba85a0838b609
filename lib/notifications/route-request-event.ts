import type { JobHandler } from "@/lib/outbox/job-handler";

/**
 * Fans a request event out to the reactions configured for it. Each reaction is its
 * own outbox job, queued idempotently, so a retried fan-out never duplicates one.
 * Channels register here as they are built.
 */
export const routeRequestEvent: JobHandler = async (job) => {
  return { routed: [], event: job.payload.type ?? null };
};
