import { apiRoute, json } from "@/lib/http/api-route";
import { createToken } from "@/lib/tokens/create-token";

export const POST = apiRoute<{ id: string }>(async (c) => json(await createToken(await c.context(), c.params.id, await c.body()), 201));
