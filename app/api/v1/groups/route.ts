import { apiRoute, json } from "@/lib/http/api-route";
import { createGroup } from "@/lib/admin/create-group";
import { listGroups } from "@/lib/admin/list-groups";

export const POST = apiRoute(async (c) => json(await createGroup(await c.context(), await c.body()), 201));

export const GET = apiRoute(async (c) => json({ items: await listGroups(await c.actor()) }));
