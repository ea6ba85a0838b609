import { apiRoute, json } from "@/lib/http/api-route";
import { approveRequest } from "@/lib/access/approve-request";

export const POST = apiRoute<{ id: string }>(async (c) => json(await approveRequest(await c.context(), c.params.id, await c.body())));
