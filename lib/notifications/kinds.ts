/** The outbox job kinds notifications use (see lib/notifications/handlers.ts). */
export const NOTIFY = {
  slackPost: "notify.slack.post",
  slackUpdate: "notify.slack.update",
  slackReminder: "notify.slack.reminder",
  slackDm: "notify.slack.dm",
  slackEphemeral: "notify.slack.ephemeral",
  teamsPost: "notify.teams.post",
  email: "notify.email",
  reminder: "notify.reminder",
  expiring: "notify.expiring",
} as const;

export type NotifyKind = (typeof NOTIFY)[keyof typeof NOTIFY];

export const ALL_NOTIFY_KINDS: string[] = Object.values(NOTIFY);

/** The one channel message per (request, Slack channel): later jobs find its ts through this key. */
export const slackPostKey = (requestId: string, channel: string) => `slack.post:${requestId}:${channel}`;

export type RequesterNews = "approved" | "rejected" | "revoked" | "expiring" | "timed_out";
