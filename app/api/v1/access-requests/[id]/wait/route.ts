import { apiRoute, json } from "@/lib/http/api-route";
import { waitForRequest } from "@/lib/provisioning/wait-for-request";

// A long-poll holds the request for up to 60 s.
export const maxDuration = 70;

export const GET = apiRoute<{ id: string }>(async (c) =>
  json(await waitForRequest(await c.actor(), c.params.id, c.searchParams(), c.request.signal)),
);
