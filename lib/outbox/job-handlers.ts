import type { JobHandler } from "@/lib/outbox/job-handler";
import { REQUEST_EVENT_JOB } from "@/lib/access/publish-request-event";
import { routeRequestEvent } from "@/lib/notifications/route-request-event";
import { notificationJobHandlers } from "@/lib/notifications/handlers";

/** Every kind of outbox job and the code that runs it. */
export const jobHandlers: Record<string, JobHandler> = {
  [REQUEST_EVENT_JOB]: routeRequestEvent,
  ...notificationJobHandlers,
};
