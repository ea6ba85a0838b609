import { apiRoute, json } from "@/lib/http/api-route";
import { releaseGrant } from "@/lib/access/release-grant";

export const POST = apiRoute<{ id: string }>(async (c) => json(await releaseGrant(await c.context(), c.params.id)));
