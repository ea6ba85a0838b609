import { apiRoute, json } from "@/lib/http/api-route";
import { retryGrant } from "@/lib/provisioning/retry-grant";

export const POST = apiRoute<{ id: string }>(async (c) => json(await retryGrant(await c.context(), c.params.id)));
