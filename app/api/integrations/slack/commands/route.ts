import { apiRoute, json } from "@/lib/http/api-route";
import { verifySlackRequest } from "@/lib/slack/verify-request";
import { handleCommand } from "@/lib/slack/commands";

/** Slack's slash-command Request URL for `/timebox`. Signed by Slack; no session. */
export const POST = apiRoute(async (c) => json(await handleCommand(await verifySlackRequest(c.request), c.meta)));
