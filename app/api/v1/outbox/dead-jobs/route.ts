import { apiRoute, json } from "@/lib/http/api-route";
import { listDeadJobs } from "@/lib/outbox/list-dead-jobs";
import { describeJob } from "@/lib/notifications/admin-status";

/** Admin: deliveries that used up their retries, newest first. */
export const GET = apiRoute(async (c) => {
  const jobs = await listDeadJobs(await c.actor());
  return json({ items: jobs.map((j) => ({ ...j, description: describeJob(j.kind, (j.payload ?? {}) as Record<string, unknown>) })) });
});
