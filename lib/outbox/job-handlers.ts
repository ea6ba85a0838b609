import type { JobHandler } from "@/lib/outbox/job-handler";
import { REQUEST_EVENT_JOB } from "@/lib/access/publish-request-event";
import { routeRequestEvent } from "@/lib/notifications/route-request-event";
import { notificationJobHandlers } from "@/lib/notifications/handlers";
import { PROVISION_ACTIVATE_JOB, PROVISION_DEACTIVATE_JOB, PROVISION_EXTEND_JOB } from "@/lib/provisioning/jobs";
import { activateGrant, deactivateGrant, extendGrant } from "@/lib/provisioning/grant-jobs";
import { grantAlertJobHandlers } from "@/lib/provisioning/grant-alerts";
import { AUDIT_FORWARD_JOB, forwardAuditEvent } from "@/lib/audit/forward-event";

/** Every kind of outbox job and the code that runs it. */
export const jobHandlers: Record<string, JobHandler> = {
  [REQUEST_EVENT_JOB]: routeRequestEvent,
  ...notificationJobHandlers,
  [PROVISION_ACTIVATE_JOB]: activateGrant,
  [PROVISION_DEACTIVATE_JOB]: deactivateGrant,
  [PROVISION_EXTEND_JOB]: extendGrant,
  ...grantAlertJobHandlers,
  [AUDIT_FORWARD_JOB]: forwardAuditEvent,
};
