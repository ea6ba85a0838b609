import { apiRoute, json } from "@/lib/http/api-route";
import { verifySlackRequest } from "@/lib/slack/verify-request";
import { handleInteraction, parseInteractionPayload } from "@/lib/slack/interactions";

/** Slack's interactivity Request URL: button presses and the reject dialog. Signed by Slack; no session. */
export const POST = apiRoute(async (c) => {
  const fields = await verifySlackRequest(c.request);
  const reply = await handleInteraction(parseInteractionPayload(fields.get("payload")), c.meta);
  return reply ? json(reply) : new Response(null, { status: 200 });
});
