import { apiRoute, json } from "@/lib/http/api-route";
import { setGroupMembers } from "@/lib/admin/set-group-members";

export const PUT = apiRoute<{ name: string }>(async (c) => json(await setGroupMembers(await c.context(), c.params.name, await c.body())));
