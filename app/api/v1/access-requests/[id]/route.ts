import { apiRoute, json } from "@/lib/http/api-route";
import { getRequestDetail } from "@/lib/access/request-detail";

export const GET = apiRoute<{ id: string }>(async (c) => json(await getRequestDetail(await c.actor(), c.params.id)));
