import { apiRoute, json } from "@/lib/http/api-route";
import { acknowledgeEmergency } from "@/lib/access/acknowledge-emergency";

export const POST = apiRoute<{ id: string }>(async (c) => json(await acknowledgeEmergency(await c.context(), c.params.id, await c.body())));
