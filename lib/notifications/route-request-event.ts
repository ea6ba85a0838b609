import { inTransaction } from "@/lib/db";
import { enqueueJobs, type NewJob } from "@/lib/outbox/enqueue-job";
import type { JobHandler } from "@/lib/outbox/job-handler";
import type { RequestEvent } from "@/lib/access/publish-request-event";
import { planNotifications } from "@/lib/notifications/plan-notifications";

/** Decides what one request event calls for; each returned job is keyed so it is queued once. */
type Reaction = (event: RequestEvent, eventKey: string, now: Date) => Promise<NewJob[]>;

/** Everything that reacts to request events. Add a reaction here. */
const reactions: Reaction[] = [planNotifications];

/**
 * Fans a request event out to the reactions configured for it. Each reaction is its
 * own outbox job, queued idempotently, so a retried fan-out never duplicates one.
 */
export const routeRequestEvent: JobHandler = async (job, now) => {
  const event = job.payload as unknown as RequestEvent;
  const jobs = (await Promise.all(reactions.map((react) => react(event, job.dedupeKey, now)))).flat();
  // Due from the dispatcher's clock: the fan-out and its deliveries share one timeline.
  await inTransaction((tx) => enqueueJobs(tx, jobs.map((j) => ({ ...j, runAt: j.runAt ?? now }))));
  const routed: Record<string, number> = {};
  for (const j of jobs) routed[j.kind] = (routed[j.kind] ?? 0) + 1;
  return { event: event.type ?? null, routed };
};
