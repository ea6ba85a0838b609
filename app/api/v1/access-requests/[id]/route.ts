import { apiRoute, json } from "@/lib/http/api-route";
import { getRequest } from "@/lib/access/get-request";

export const GET = apiRoute<{ id: string }>(async (c) => json(await getRequest(await c.actor(), c.params.id)));
