import { apiRoute, json } from "@/lib/http/api-route";
import { invalidInput } from "@/lib/errors";
import { verifySlackRequest } from "@/lib/slack/verify-request";
import { handleInteraction, type SlackInteraction } from "@/lib/slack/interactions";

/** Slack's interactivity Request URL: button presses and the reject dialog. Signed by Slack; no session. */
export const POST = apiRoute(async (c) => {
  const fields = await verifySlackRequest(c.request);
  let payload: SlackInteraction;
  try {
    payload = JSON.parse(fields.get("payload") ?? "");
  } catch {
    throw invalidInput("Expected a form field `payload` holding JSON.");
  }
  if (!payload || typeof payload !== "object" || typeof payload.type !== "string") throw invalidInput("The payload has no type.");
  const reply = await handleInteraction(payload, c.meta);
  return reply ? json(reply) : new Response(null, { status: 200 });
});
