import { apiRoute, json } from "@/lib/http/api-route";
import { getConnectionChannels, updateConnectionChannels } from "@/lib/notifications/connection-channels";

/** Admin: where a connection's notifications go (Slack channels, Teams webhook, email). */
export const GET = apiRoute<{ name: string }>(async (c) => json(await getConnectionChannels(await c.actor(), c.params.name)));

export const PUT = apiRoute<{ name: string }>(async (c) => json(await updateConnectionChannels(await c.context(), c.params.name, await c.body())));
