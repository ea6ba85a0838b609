import { db } from "@/lib/db";
import { requireAdmin, type Actor } from "@/lib/permissions";
import { emailTransport, slackConfigured, slackInteractivityConfigured, type DeliveryStatus } from "@/lib/notifications/delivery-status";
import { publicUrl } from "@/lib/notifications/links";
import { NOTIFY } from "@/lib/notifications/kinds";

export type OutboxCounts = { pending: number; dead: number; deliveredLastDay: number };

export type NotificationsStatus = { delivery: DeliveryStatus; outbox: OutboxCounts; linkedSlackUsers: { id: string; email: string; name: string | null; slackUserId: string }[] };

/** Admin → Notifications: how delivery is set up and how the outbox is doing. */
export async function notificationsStatus(actor: Actor, now = new Date()): Promise<NotificationsStatus> {
  requireAdmin(actor, "see notification settings");
  const [pending, dead, deliveredLastDay, linked] = await Promise.all([
    db().outboxJob.count({ where: { status: "PENDING", nextAttemptAt: { lte: now } } }),
    db().outboxJob.count({ where: { status: "DEAD" } }),
    db().outboxJob.count({ where: { status: "DONE", doneAt: { gte: new Date(now.getTime() - 86_400_000) } } }),
    db().user.findMany({ where: { slackUserId: { not: null } }, select: { id: true, email: true, name: true, slackUserId: true }, orderBy: { email: "asc" }, take: 500 }),
  ]);
  return {
    delivery: { slack: { botToken: slackConfigured(), signingSecret: slackInteractivityConfigured() }, email: emailTransport(), publicUrl: publicUrl() },
    outbox: { pending, dead, deliveredLastDay },
    linkedSlackUsers: linked.map((u) => ({ ...u, slackUserId: u.slackUserId! })),
  };
}

const TEMPLATE_WORDS: Record<string, string> = {
  approval_requested: "approval request",
  approval_reminder: "approval reminder",
  approved: "“approved”",
  rejected: "“rejected”",
  revoked: "“revoked”",
  expiring: "“expiring soon”",
};

/** A dead job in words, for the admin list. Kinds from other features fall back to their name. */
export function describeJob(kind: string, payload: Record<string, unknown>): string {
  const channel = typeof payload.channel === "string" ? payload.channel : "";
  switch (kind) {
    case NOTIFY.slackPost:
      return `Slack message in ${channel}`;
    case NOTIFY.slackUpdate:
      return `Slack message update in ${channel}`;
    case NOTIFY.slackReminder:
      return `Slack reminder in ${channel}`;
    case NOTIFY.slackDm:
      return `Slack DM to the requester (${String(payload.news ?? "")})`;
    case NOTIFY.slackEphemeral:
      return "Private Slack reply";
    case NOTIFY.teamsPost:
      return `Teams card (${String(payload.event ?? "")})`;
    case NOTIFY.email:
      return `Email: ${TEMPLATE_WORDS[String(payload.template)] ?? String(payload.template)}`;
    case NOTIFY.reminder:
      return `Reminder ${String(payload.n ?? "")} fan-out`;
    case NOTIFY.expiring:
      return "“Expiring soon” fan-out";
    case "request.event":
      return `Fan-out of ${String(payload.type ?? "an event")}`;
    default:
      return kind;
  }
}
