import { db, type Tx } from "@/lib/db";
import { enqueueJobs, type NewJob } from "@/lib/outbox/enqueue-job";
import { PermanentJobError, type JobHandler } from "@/lib/outbox/job-handler";
import { ADMIN_GROUP } from "@/lib/permissions";
import { channelsFor } from "@/lib/notifications/connection-channels";
import { emailTransport, slackConfigured } from "@/lib/notifications/delivery-status";
import { requestPageUrl } from "@/lib/notifications/links";
import { deliverEmail } from "@/lib/email/deliver-email";
import { slackCall } from "@/lib/slack/client";
import { postToTeams } from "@/lib/teams/jobs";

/**
 * The notification side of a provisioning alarm (grant.deprovision_failed,
 * grant.provision_failed): one outbox job per (alarm, channel, target): an email to every
 * admin (and, when access could not be set up, the requester), and a message in the
 * connection's Slack channels and Teams. Each is read when sent and skipped if the grant
 * recovered meanwhile.
 */

export const GRANT_ALERT_JOB = { email: "grant.alert.email", slack: "grant.alert.slack", teams: "grant.alert.teams" } as const;

export type AlertType = "grant.deprovision_failed" | "grant.provision_failed";

/** Queued in the transaction that flags the grant, so the alarm goes out if and only if the flag commits. */
export async function queueGrantAlerts(tx: Tx, type: AlertType, requestId: string): Promise<void> {
  const request = await tx.accessRequest.findUnique({
    where: { id: requestId },
    select: { id: true, connectionId: true, requester: { select: { id: true, email: true } } },
  });
  if (!request) return;
  const key = (suffix: string) => `grant.alert:${type}:${requestId}>${suffix}`;
  const base = { type, requestId };
  const jobs: NewJob[] = [];
  const channels = await channelsFor(request.connectionId, tx);
  if (emailTransport() !== "off") {
    const admins = await tx.user.findMany({
      where: { memberships: { some: { group: { name: ADMIN_GROUP } } } },
      select: { id: true, email: true },
      orderBy: { createdAt: "desc" },
      take: 1000,
    });
    const to = new Map(admins.map((a) => [a.id, a.email]));
    if (type === "grant.provision_failed") to.set(request.requester.id, request.requester.email);
    for (const [userId, email] of to) {
      jobs.push({ kind: GRANT_ALERT_JOB.email, payload: { ...base, to: email }, dedupeKey: key(`email:${userId}`), requestId });
    }
  }
  if (slackConfigured()) {
    for (const channel of channels.slackChannels) {
      jobs.push({ kind: GRANT_ALERT_JOB.slack, payload: { ...base, channel }, dedupeKey: key(`slack:${channel}`), requestId });
    }
  }
  if (channels.teamsWebhookUrl) {
    jobs.push({ kind: GRANT_ALERT_JOB.teams, payload: base, dedupeKey: key("teams"), requestId });
  }
  await enqueueJobs(tx, jobs);
}

type AlertText = { subject: string; lines: string[]; url: string };

/** The alarm in words, read when it is sent (the grant may have recovered meanwhile). */
async function alertText(type: AlertType, requestId: string): Promise<AlertText | null> {
  const grant = await db().accessGrant.findUnique({
    where: { requestId },
    include: { request: { select: { connection: { select: { name: true } }, requester: { select: { email: true } } } } },
  });
  if (!grant) throw new PermanentJobError(`No grant for request ${requestId}.`);
  const stillFailing = type === "grant.deprovision_failed" ? grant.status === "DEPROVISION_FAILED" : grant.status === "FAILED";
  if (!stillFailing) return null;
  const who = grant.request.requester.email;
  const where = grant.request.connection.name;
  const url = requestPageUrl(requestId);
  if (type === "grant.deprovision_failed") {
    return {
      subject: `[Timebox] Access on ${where} could not be removed`,
      url,
      lines: [
        `The grant of ${who} on ${where} has ended, but Timebox could not remove the access${grant.roleName ? ` (role ${grant.roleName})` : ""}.`,
        `Error: ${grant.lastError ?? "unknown"}`,
        "Timebox keeps retrying. Fix the cause, or remove the access by hand, then retry from the request page.",
      ],
    };
  }
  return {
    subject: `[Timebox] Access to ${where} could not be set up`,
    url,
    lines: [
      `The approved grant of ${who} on ${where} could not be set up on the target, so it is not usable.`,
      `Error: ${grant.lastError ?? "unknown"}`,
      "Retry from the request page once the cause is fixed.",
    ],
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const sendGrantAlertEmail: JobHandler = async (job) => {
  const text = await alertText(job.payload.type as AlertType, String(job.payload.requestId));
  if (!text) return { skipped: "resolved before sending" };
  const body = [...text.lines, "", text.url];
  const html = `<div style="font-family:system-ui,sans-serif">${text.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}<p><a href="${escapeHtml(text.url)}">Open the request</a></p></div>`;
  const delivery = await deliverEmail(job.dedupeKey, String(job.payload.to), { subject: text.subject, text: body.join("\n"), html });
  return delivery;
};

export const postGrantAlertToSlack: JobHandler = async (job) => {
  const text = await alertText(job.payload.type as AlertType, String(job.payload.requestId));
  if (!text) return { skipped: "resolved before sending" };
  const channel = String(job.payload.channel);
  const result = await slackCall("chat.postMessage", (client) =>
    client.chat.postMessage({ channel, text: `:rotating_light: *${text.subject.replace("[Timebox] ", "")}*\n${text.lines.join("\n")}\n<${text.url}|Open the request>` }),
  );
  return { channel: result.channel ?? channel, ts: result.ts ?? null };
};

export const postGrantAlertToTeams: JobHandler = async (job) => {
  const text = await alertText(job.payload.type as AlertType, String(job.payload.requestId));
  if (!text) return { skipped: "resolved before sending" };
  const request = await db().accessRequest.findUniqueOrThrow({ where: { id: String(job.payload.requestId) }, select: { connectionId: true } });
  const { teamsWebhookUrl } = await channelsFor(request.connectionId);
  if (!teamsWebhookUrl) return { skipped: "the connection no longer posts to Teams" };
  await postToTeams(teamsWebhookUrl, {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        content: {
          type: "AdaptiveCard",
          version: "1.4",
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          body: [
            { type: "TextBlock", text: text.subject.replace("[Timebox] ", ""), weight: "Bolder", color: "Attention", wrap: true },
            ...text.lines.map((l) => ({ type: "TextBlock", text: l, wrap: true })),
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open the request", url: text.url }],
        },
      },
    ],
  });
  return { posted: job.payload.type };
};

export const grantAlertJobHandlers: Record<string, JobHandler> = {
  [GRANT_ALERT_JOB.email]: sendGrantAlertEmail,
  [GRANT_ALERT_JOB.slack]: postGrantAlertToSlack,
  [GRANT_ALERT_JOB.teams]: postGrantAlertToTeams,
};
