import { apiRoute, json } from "@/lib/http/api-route";
import { rejectRequest } from "@/lib/access/reject-request";

export const POST = apiRoute<{ id: string }>(async (c) => json(await rejectRequest(await c.context(), c.params.id, await c.body())));
