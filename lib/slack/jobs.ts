import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { JobHandler } from "@/lib/outbox/job-handler";
import { PermanentJobError } from "@/lib/outbox/job-handler";
import { loadNotifiedRequest, type NotifiedRequest } from "@/lib/notifications/request-snapshot";
import { slackPostKey, type RequesterNews } from "@/lib/notifications/kinds";
import { reminderMessage, requestMessage, requesterMessage, type SlackMessage } from "@/lib/slack/messages";
import { slackCall } from "@/lib/slack/client";

type Posted = { channel: string; ts: string };

const str = (value: unknown, name: string): string => {
  if (typeof value !== "string" || !value) throw new PermanentJobError(`The job has no ${name}.`);
  return value;
};

async function requestOrGone(id: string, now: Date): Promise<NotifiedRequest> {
  const r = await loadNotifiedRequest(id, now);
  if (!r) throw new PermanentJobError(`Request ${id} no longer exists.`);
  return r;
}

const fingerprint = (m: SlackMessage) => createHash("sha256").update(JSON.stringify(m)).digest("hex");

/**
 * Makes the message show the request's current state. Two updates can race (two
 * dispatchers, or a post and an update), so after each send the state is read again
 * and, if it moved on meanwhile, sent again: the last writer always writes the latest state.
 */
async function showLatest(posted: Posted, requestId: string, now: Date, sent?: string): Promise<number> {
  let updates = 0;
  for (let round = 0; round < 4; round++) {
    const message = requestMessage(await requestOrGone(requestId, now), now);
    const print = fingerprint(message);
    if (print === sent) return updates;
    await slackCall("chat.update", (c) => c.chat.update({ channel: posted.channel, ts: posted.ts, text: message.text, blocks: message.blocks as never }));
    sent = print;
    updates++;
  }
  return updates;
}

/** The original message of a request in a channel, once its post job is done. */
async function originalPost(requestId: string, channel: string): Promise<Posted | "missing" | "dead"> {
  const post = await db().outboxJob.findUnique({ where: { dedupeKey: slackPostKey(requestId, channel) }, select: { status: true, result: true } });
  if (!post) return "missing";
  if (post.status === "DEAD") return "dead";
  const result = post.result as Partial<Posted> | null;
  if (post.status !== "DONE" || !result?.ts || !result.channel) {
    // Retried with backoff; the post normally lands within seconds.
    throw new Error("The channel message is not posted yet; the update waits for it.");
  }
  return { channel: result.channel, ts: result.ts };
}

/** notify.slack.post { requestId, channel }: the request's message with Approve and Reject buttons. Its result keeps the ts. */
export const postRequestMessage: JobHandler = async (job, now) => {
  const requestId = str(job.payload.requestId, "requestId");
  const channel = str(job.payload.channel, "channel");
  const message = requestMessage(await requestOrGone(requestId, now), now);
  const response = await slackCall("chat.postMessage", (c) =>
    c.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false, unfurl_media: false }),
  );
  if (!response.ts || !response.channel) throw new Error("Slack chat.postMessage returned no ts");
  const posted = { channel: response.channel, ts: response.ts };
  await showLatest(posted, requestId, now, fingerprint(message));
  return posted;
};

/** notify.slack.update { requestId, channel }: refreshes the channel message after anything happened to the request. */
export const updateRequestMessage: JobHandler = async (job, now) => {
  const requestId = str(job.payload.requestId, "requestId");
  const posted = await originalPost(requestId, str(job.payload.channel, "channel"));
  if (posted === "missing") return { skipped: "no message was posted to this channel" };
  if (posted === "dead") return { skipped: "the channel message could not be posted" };
  const updates = await showLatest(posted, requestId, now);
  return { ...posted, updates };
};

/** notify.slack.reminder { requestId, channel, n, waitingOn }: a reply in the message's thread, mentioning who is needed. */
export const postReminder: JobHandler = async (job, now) => {
  const requestId = str(job.payload.requestId, "requestId");
  const r = await requestOrGone(requestId, now);
  if (r.status !== "PENDING") return { skipped: `request is ${r.status}` };
  const posted = await originalPost(requestId, str(job.payload.channel, "channel"));
  if (posted === "missing" || posted === "dead") return { skipped: "no channel message to reply to" };
  const waitingOn = (job.payload.waitingOn ?? []) as { group: string; slackUserIds: string[] }[];
  const message = reminderMessage(r, waitingOn, Number(job.payload.n) || 1);
  const response = await slackCall("chat.postMessage", (c) =>
    c.chat.postMessage({ channel: posted.channel, thread_ts: posted.ts, reply_broadcast: true, text: message.text, blocks: message.blocks as never }),
  );
  return { channel: posted.channel, ts: response.ts ?? null };
};

/** notify.slack.dm { requestId, userId, news }: tells the requester, if their Slack account is linked when it is sent. */
export const sendRequesterDm: JobHandler = async (job, now) => {
  const r = await requestOrGone(str(job.payload.requestId, "requestId"), now);
  const user = await db().user.findUnique({ where: { id: str(job.payload.userId, "userId") }, select: { slackUserId: true } });
  if (!user?.slackUserId) return { skipped: "the user has no linked Slack account" };
  const message = requesterMessage(r, str(job.payload.news, "news") as RequesterNews);
  const response = await slackCall("chat.postMessage", (c) =>
    c.chat.postMessage({ channel: user.slackUserId!, text: message.text, blocks: message.blocks as never, unfurl_links: false }),
  );
  return { channel: response.channel ?? user.slackUserId, ts: response.ts ?? null };
};

/** notify.slack.ephemeral { channel?, user, text }: a private answer to someone who pressed a button. */
export const sendEphemeral: JobHandler = async (job) => {
  const user = str(job.payload.user, "user");
  const text = str(job.payload.text, "text");
  const channel = typeof job.payload.channel === "string" ? job.payload.channel : null;
  if (channel) {
    await slackCall("chat.postEphemeral", (c) => c.chat.postEphemeral({ channel, user, text }));
  } else {
    await slackCall("chat.postMessage", (c) => c.chat.postMessage({ channel: user, text }));
  }
  return { sent: true };
};
