import { db } from "@/lib/db";
import type { JobHandler } from "@/lib/outbox/job-handler";
import { PermanentJobError } from "@/lib/outbox/job-handler";
import { loadNotifiedRequest } from "@/lib/notifications/request-snapshot";
import { APPROVER_TEMPLATES, renderNotificationEmail, type EmailTemplate } from "@/lib/email/notification-emails";
import { emailActionLinks } from "@/lib/email/email-actions";
import { deliverEmail } from "@/lib/email/deliver-email";

/**
 * notify.email { requestId, userId, template, n? }: one email to one person, rendered
 * when it is sent so it shows the request as it is then. Approver emails for a request
 * that was decided meanwhile are dropped: they would only ask for something already done.
 */
export const sendNotificationEmail: JobHandler = async (job, now) => {
  const template = String(job.payload.template) as EmailTemplate;
  const requestId = String(job.payload.requestId ?? "");
  const r = await loadNotifiedRequest(requestId, now);
  if (!r) throw new PermanentJobError(`Request ${requestId} no longer exists.`);
  const user = await db().user.findUnique({ where: { id: String(job.payload.userId ?? "") }, select: { id: true, email: true } });
  if (!user) return { skipped: "the recipient no longer exists" };
  const forApprover = APPROVER_TEMPLATES.includes(template);
  if (forApprover && r.status !== "PENDING") return { skipped: `request is ${r.status}` };
  const email = await renderNotificationEmail(template, {
    request: r,
    now,
    reminder: Number(job.payload.n) || undefined,
    links: forApprover ? emailActionLinks(r.id, user.id, now) : undefined,
  });
  const delivery = await deliverEmail(job.dedupeKey, user.email, email);
  return { to: user.email, subject: email.subject, ...delivery };
};
