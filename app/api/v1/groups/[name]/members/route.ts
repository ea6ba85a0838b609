import { apiRoute, json } from "@/lib/http/api-route";
import { setGroupMembers } from "@/lib/admin/set-group-members";
import { addGroupMember } from "@/lib/admin/group-members";

export const PUT = apiRoute<{ name: string }>(async (c) => json(await setGroupMembers(await c.context(), c.params.name, await c.body())));

export const POST = apiRoute<{ name: string }>(async (c) => json(await addGroupMember(await c.context(), c.params.name, await c.body())));
