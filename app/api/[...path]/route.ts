import { apiRoute } from "@/lib/http/api-route";
import { notFound } from "@/lib/errors";

/**
 * Any /api path no route serves (including one that only normalises to a route's neighbour,
 * such as `/api/v1/users/%2E/slack`) answers in the API's error shape, not with the HTML page.
 */
const noEndpoint = apiRoute<{ path: string[] }>(async () => {
  throw notFound("There is no API endpoint at this path.");
});

export const GET = noEndpoint;
export const POST = noEndpoint;
export const PUT = noEndpoint;
export const PATCH = noEndpoint;
export const DELETE = noEndpoint;
