import { apiRoute, json } from "@/lib/http/api-route";
import { getInsights } from "@/lib/insights/get-insights";

export const GET = apiRoute(async (c) => json(await getInsights(await c.actor(), c.searchParams())));
