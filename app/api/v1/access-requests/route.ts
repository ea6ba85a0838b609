import { apiRoute, json } from "@/lib/http/api-route";
import { createRequest } from "@/lib/access/create-request";
import { listRequests } from "@/lib/access/list-requests";

export const POST = apiRoute(async (c) => json(await createRequest(await c.context(), await c.body()), 201));

export const GET = apiRoute(async (c) => json(await listRequests(await c.actor(), c.searchParams())));
