import { apiRoute, json } from "@/lib/http/api-route";
import { setSlackUserId } from "@/lib/slack/link-account";

/** Admin: link a user (by id or email) to a Slack user id, or unlink with { "slackUserId": null }. */
export const PUT = apiRoute<{ id: string }>(async (c) => json(await setSlackUserId(await c.context(), c.params.id, await c.body())));
