import { apiRoute, json } from "@/lib/http/api-route";
import { extendGrant } from "@/lib/access/extend-grant";

export const POST = apiRoute<{ id: string }>(async (c) => json(await extendGrant(await c.context(), c.params.id, await c.body()), 201));
