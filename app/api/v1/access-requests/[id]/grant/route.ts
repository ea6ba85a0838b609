import { apiRoute, json } from "@/lib/http/api-route";
import { getGrant } from "@/lib/provisioning/grant-view";

export const GET = apiRoute<{ id: string }>(async (c) => json(await getGrant(await c.actor(), c.params.id)));
