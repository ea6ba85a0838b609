import { apiRoute, json } from "@/lib/http/api-route";
import { listEvents } from "@/lib/audit/list-events";

export const GET = apiRoute(async (c) => json(await listEvents(await c.actor(), c.searchParams())));
