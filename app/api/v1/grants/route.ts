import { apiRoute, json } from "@/lib/http/api-route";
import { listGrants } from "@/lib/provisioning/list-grants";

export const GET = apiRoute(async (c) => json(await listGrants(await c.actor(), c.searchParams())));
