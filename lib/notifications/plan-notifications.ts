import { db, inTransaction } from "@/lib/db";
import { ADMIN_GROUP } from "@/lib/permissions";
import { env } from "@/lib/env";
import { enqueueJobs, type NewJob } from "@/lib/outbox/enqueue-job";
import type { JobHandler } from "@/lib/outbox/job-handler";
import type { RequestEvent } from "@/lib/access/publish-request-event";
import { channelsFor, type ConnectionChannels } from "@/lib/notifications/connection-channels";
import { emailTransport, slackConfigured } from "@/lib/notifications/delivery-status";
import { NOTIFY, slackPostKey, type RequesterNews } from "@/lib/notifications/kinds";
import { loadNotifiedRequest, type NotifiedRequest } from "@/lib/notifications/request-snapshot";

/** The requester hears "expiring" this long before the end of a grant. */
export const EXPIRING_NOTICE_MS = 10 * 60_000;

const MAX_RECIPIENTS = 1000;

type Approver = { userId: string; slackUserId: string | null; groupIds: string[] };

/**
 * People who can still move the request forward: members of its approval groups
 * (only groups not yet satisfied when `waitingOnly`), less the requester and anyone
 * who already approved.
 */
export async function approverAudience(r: NotifiedRequest, waitingOnly: boolean): Promise<Approver[]> {
  const groups = r.groups.filter((g) => !waitingOnly || !g.satisfied);
  if (groups.length === 0) return [];
  const approved = r.groups.flatMap((g) => g.approvers.map((p) => p.id));
  const members = await db().groupMember.findMany({
    where: { groupId: { in: groups.map((g) => g.groupId) }, userId: { notIn: [r.requester.id, ...approved] } },
    select: { groupId: true, user: { select: { id: true, slackUserId: true } } },
    orderBy: { userId: "asc" },
    take: MAX_RECIPIENTS,
  });
  const byUser = new Map<string, Approver>();
  for (const m of members) {
    const entry = byUser.get(m.user.id) ?? { userId: m.user.id, slackUserId: m.user.slackUserId, groupIds: [] };
    entry.groupIds.push(m.groupId);
    byUser.set(m.user.id, entry);
  }
  return [...byUser.values()];
}

/** Members of every approval group of the request, and every admin, less the requester. */
async function emergencyAudience(r: NotifiedRequest): Promise<string[]> {
  const members = await db().groupMember.findMany({
    where: {
      OR: [{ groupId: { in: r.groups.map((g) => g.groupId) } }, { group: { name: ADMIN_GROUP } }],
      userId: { not: r.requester.id },
    },
    select: { userId: true },
    distinct: ["userId"],
    orderBy: { userId: "asc" },
    take: MAX_RECIPIENTS,
  });
  return members.map((m) => m.userId);
}

const emailOn = (channels: ConnectionChannels) => channels.email && emailTransport() !== "off";

function slackUpdates(r: NotifiedRequest, channels: ConnectionChannels, key: (s: string) => string): NewJob[] {
  return channels.slackChannels.map((channel) => ({
    kind: NOTIFY.slackUpdate,
    payload: { requestId: r.id, channel },
    dedupeKey: key(`slack.update:${channel}`),
    requestId: r.id,
  }));
}

function requesterNews(r: NotifiedRequest, channels: ConnectionChannels, news: RequesterNews, key: (s: string) => string): NewJob[] {
  const jobs: NewJob[] = [];
  if (emailOn(channels)) {
    jobs.push({ kind: NOTIFY.email, payload: { requestId: r.id, userId: r.requester.id, template: news }, dedupeKey: key(`email:${r.requester.id}`), requestId: r.id });
  }
  // A requester who linked Slack (/timebox subscribe) gets DMs wherever the connection posts.
  if (slackConfigured() && r.requester.slackUserId) {
    jobs.push({ kind: NOTIFY.slackDm, payload: { requestId: r.id, userId: r.requester.id, news }, dedupeKey: key(`slack.dm:${r.requester.id}`), requestId: r.id });
  }
  return jobs;
}

/** The notifications one request event calls for: one job per (event, channel, target). */
export async function planNotifications(event: RequestEvent, eventKey: string, now: Date): Promise<NewJob[]> {
  const r = await loadNotifiedRequest(event.requestId, now);
  if (!r) return [];
  const channels = await channelsFor(r.connectionId);
  const key = (suffix: string) => `${eventKey}>${suffix}`;
  const jobs: NewJob[] = [];
  switch (event.type) {
    case "request.created": {
      for (const channel of channels.slackChannels) {
        jobs.push({ kind: NOTIFY.slackPost, payload: { requestId: r.id, channel }, dedupeKey: slackPostKey(r.id, channel), requestId: r.id });
      }
      if (channels.teamsWebhookUrl) {
        jobs.push({ kind: NOTIFY.teamsPost, payload: { requestId: r.id, event: "created" }, dedupeKey: key("teams"), requestId: r.id });
      }
      // Granted at creation (admin auto-approve, no approval groups, break-glass): nobody has to act.
      if (r.autoApproved || r.emergency) break;
      if (emailOn(channels)) {
        for (const approver of await approverAudience(r, false)) {
          jobs.push({
            kind: NOTIFY.email,
            payload: { requestId: r.id, userId: approver.userId, template: "approval_requested" },
            dedupeKey: key(`email:${approver.userId}`),
            requestId: r.id,
          });
        }
      }
      const { TIMEBOX_REMINDER_MINUTES: minutes, TIMEBOX_REMINDER_COUNT: count } = env();
      for (let n = 1; n <= count; n++) {
        jobs.push({
          kind: NOTIFY.reminder,
          payload: { requestId: r.id, n },
          dedupeKey: `reminder:${r.id}:${n}`,
          requestId: r.id,
          runAt: new Date(r.createdAt.getTime() + n * minutes * 60_000),
        });
      }
      break;
    }
    case "request.approval_added":
    case "request.expired":
      jobs.push(...slackUpdates(r, channels, key));
      break;
    case "request.timed_out":
      jobs.push(...slackUpdates(r, channels, key), ...requesterNews(r, channels, "timed_out", key));
      break;
    case "request.emergency": {
      // Break-glass: every approval group and every admin hears at once, on every channel.
      if (channels.teamsWebhookUrl) {
        jobs.push({ kind: NOTIFY.teamsPost, payload: { requestId: r.id, event: "emergency" }, dedupeKey: key("teams"), requestId: r.id });
      }
      if (emailOn(channels)) {
        for (const userId of await emergencyAudience(r)) {
          jobs.push({ kind: NOTIFY.email, payload: { requestId: r.id, userId, template: "emergency_opened" }, dedupeKey: key(`email:${userId}`), requestId: r.id });
        }
      }
      break;
    }
    case "request.approved":
    case "request.rejected":
    case "request.revoked": {
      jobs.push(...slackUpdates(r, channels, key));
      const news = event.type.slice("request.".length) as "approved" | "rejected" | "revoked";
      // Someone granted at once asked a moment ago and already knows.
      if (!(news === "approved" && r.autoApproved)) {
        jobs.push(...requesterNews(r, channels, news, key));
        if (channels.teamsWebhookUrl) {
          jobs.push({ kind: NOTIFY.teamsPost, payload: { requestId: r.id, event: news }, dedupeKey: key("teams"), requestId: r.id });
        }
      }
      if (news === "approved" && r.expiresAt && r.decidedAt && r.expiresAt.getTime() - EXPIRING_NOTICE_MS > r.decidedAt.getTime()) {
        // An approved extension moved its grant's end: the notice is the grant's, once per end.
        const grantId = r.extendsRequestId ?? r.id;
        jobs.push({
          kind: NOTIFY.expiring,
          payload: { requestId: grantId, expiresAt: r.expiresAt.toISOString() },
          dedupeKey: `expiring:${grantId}:${r.expiresAt.toISOString()}`,
          requestId: grantId,
          runAt: new Date(r.expiresAt.getTime() - EXPIRING_NOTICE_MS),
        });
      }
      break;
    }
  }
  return jobs;
}

/**
 * notify.reminder { requestId, n }: queued for its time when the request was created;
 * sends only if the request is still pending, to the people it still waits on.
 */
export const sendReminder: JobHandler = async (job, now) => {
  const n = Number(job.payload.n) || 1;
  const r = await loadNotifiedRequest(String(job.payload.requestId ?? ""), now);
  if (!r) return { skipped: "request no longer exists" };
  if (r.status !== "PENDING") return { skipped: `request is ${r.status}` };
  const channels = await channelsFor(r.connectionId);
  const audience = await approverAudience(r, true);
  const key = (suffix: string) => `${job.dedupeKey}>${suffix}`;
  const jobs: NewJob[] = [];
  if (emailOn(channels)) {
    for (const a of audience) {
      jobs.push({ kind: NOTIFY.email, payload: { requestId: r.id, userId: a.userId, template: "approval_reminder", n }, dedupeKey: key(`email:${a.userId}`), requestId: r.id });
    }
  }
  const waitingOn = r.groups
    .filter((g) => !g.satisfied)
    .map((g) => ({
      group: g.name,
      slackUserIds: audience.filter((a) => a.groupIds.includes(g.groupId) && a.slackUserId).slice(0, 10).map((a) => a.slackUserId!),
    }));
  for (const channel of channels.slackChannels) {
    jobs.push({ kind: NOTIFY.slackReminder, payload: { requestId: r.id, channel, n, waitingOn }, dedupeKey: key(`slack:${channel}`), requestId: r.id });
  }
  if (channels.teamsWebhookUrl) {
    jobs.push({ kind: NOTIFY.teamsPost, payload: { requestId: r.id, event: "reminder", n }, dedupeKey: key("teams"), requestId: r.id });
  }
  await inTransaction((tx) => enqueueJobs(tx, jobs.map((j) => ({ ...j, runAt: j.runAt ?? now }))));
  return { reminder: n, queued: jobs.length };
};

/** notify.expiring { requestId, expiresAt }: "10 minutes left", if that grant is still the live one. */
export const sendExpiringNotice: JobHandler = async (job, now) => {
  const r = await loadNotifiedRequest(String(job.payload.requestId ?? ""), now);
  if (!r) return { skipped: "request no longer exists" };
  if (r.status !== "APPROVED" || !r.expiresAt || r.expiresAt.toISOString() !== job.payload.expiresAt || r.expiresAt <= now) {
    return { skipped: `request is ${r.status}${r.expiresAt && r.expiresAt <= now ? " and already expired" : ""}` };
  }
  const channels = await channelsFor(r.connectionId);
  const jobs = requesterNews(r, channels, "expiring", (suffix) => `${job.dedupeKey}>${suffix}`);
  await inTransaction((tx) => enqueueJobs(tx, jobs.map((j) => ({ ...j, runAt: j.runAt ?? now }))));
  return { queued: jobs.length };
};
