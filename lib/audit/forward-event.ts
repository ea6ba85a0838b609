import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { PermanentJobError, type JobHandler } from "@/lib/outbox/job-handler";
import { deliverWebhook, WebhookError } from "@/lib/provisioning/webhook";

export const AUDIT_FORWARD_JOB = "audit.forward";

/**
 * Delivers one audit event to the SIEM webhook, signed like every Timebox webhook
 * (Timebox-Signature, see docs/provisioners.md). Queued by a database trigger on each
 * insert while forwarding is on, so no writer can skip it.
 */
export const forwardAuditEvent: JobHandler = async (job, now) => {
  const { TIMEBOX_AUDIT_WEBHOOK_URL: url, TIMEBOX_AUDIT_WEBHOOK_SECRET: secret } = env();
  if (!url || !secret) throw new PermanentJobError("Audit forwarding was switched off (TIMEBOX_AUDIT_WEBHOOK_URL is not set).");
  const id = BigInt(String(job.payload.eventId));
  const event = await db().auditEvent.findUnique({ where: { id } });
  if (!event) throw new PermanentJobError(`Audit event ${id} does not exist.`);
  try {
    const { status } = await deliverWebhook(
      url,
      secret,
      {
        id: `audit-${event.id}`,
        type: "audit.event",
        createdAt: event.at.toISOString(),
        data: {
          id: event.id.toString(),
          at: event.at.toISOString(),
          actor: event.actorEmail,
          action: event.action,
          requestId: event.requestId,
          connectionId: event.connectionId,
          targetType: event.targetType,
          targetId: event.targetId,
          data: event.data,
          ip: event.ip,
          userAgent: event.userAgent,
          hash: event.hash,
        },
      },
      now,
    );
    return { status };
  } catch (error) {
    if (error instanceof WebhookError && error.permanent) throw new PermanentJobError(error.message);
    throw error;
  }
};
