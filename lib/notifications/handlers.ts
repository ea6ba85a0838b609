import type { JobHandler } from "@/lib/outbox/job-handler";
import { NOTIFY } from "@/lib/notifications/kinds";
import { sendExpiringNotice, sendReminder } from "@/lib/notifications/plan-notifications";
import { postReminder, postRequestMessage, sendEphemeral, sendRequesterDm, updateRequestMessage } from "@/lib/slack/jobs";
import { postTeamsCard } from "@/lib/teams/jobs";
import { sendNotificationEmail } from "@/lib/email/jobs";

/** Every notification job kind and the code that delivers it. */
export const notificationJobHandlers: Record<string, JobHandler> = {
  [NOTIFY.slackPost]: postRequestMessage,
  [NOTIFY.slackUpdate]: updateRequestMessage,
  [NOTIFY.slackReminder]: postReminder,
  [NOTIFY.slackDm]: sendRequesterDm,
  [NOTIFY.slackEphemeral]: sendEphemeral,
  [NOTIFY.teamsPost]: postTeamsCard,
  [NOTIFY.email]: sendNotificationEmail,
  [NOTIFY.reminder]: sendReminder,
  [NOTIFY.expiring]: sendExpiringNotice,
};
