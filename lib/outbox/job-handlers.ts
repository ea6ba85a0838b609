import type { JobHandler } from "@/lib/outbox/job-handler";
import { REQUEST_EVENT_JOB } from "@/lib/access/publish-request-event";
import { routeRequestEvent } from "@/lib/notifications/route-request-event";
import { notificationJobHandlers } from "@/lib/notifications/handlers";
import { PROVISION_ACTIVATE_JOB, PROVISION_DEACTIVATE_JOB } from "@/lib/provisioning/jobs";
import { activateGrant, deactivateGrant } from "@/lib/provisioning/grant-jobs";

/** Every kind of outbox job and the code that runs it. */
export const jobHandlers: Record<string, JobHandler> = {
  [REQUEST_EVENT_JOB]: routeRequestEvent,
  ...notificationJobHandlers,
  [PROVISION_ACTIVATE_JOB]: activateGrant,
  [PROVISION_DEACTIVATE_JOB]: deactivateGrant,
};
