import { apiRoute, json } from "@/lib/http/api-route";
import { revokeGrant } from "@/lib/access/revoke-grant";

export const POST = apiRoute<{ id: string }>(async (c) => json(await revokeGrant(await c.context(), c.params.id, await c.body())));
