import { apiRoute, json } from "@/lib/http/api-route";
import { createUser } from "@/lib/admin/create-user";
import { listUsers } from "@/lib/admin/list-users";

export const POST = apiRoute(async (c) => json(await createUser(await c.context(), await c.body()), 201));

export const GET = apiRoute(async (c) => json({ items: await listUsers(await c.actor()) }));
