import { apiRoute, json } from "@/lib/http/api-route";
import { revokeToken } from "@/lib/tokens/revoke-token";

export const DELETE = apiRoute<{ id: string }>(async (c) => json(await revokeToken(await c.context(), c.params.id)));
