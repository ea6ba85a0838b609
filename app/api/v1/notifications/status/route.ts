import { apiRoute, json } from "@/lib/http/api-route";
import { notificationsStatus } from "@/lib/notifications/admin-status";

/** Admin: how Slack, Teams and email delivery are set up, and the outbox's counts. */
export const GET = apiRoute(async (c) => json(await notificationsStatus(await c.actor())));
