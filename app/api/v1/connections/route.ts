import { apiRoute, json } from "@/lib/http/api-route";
import { createConnection } from "@/lib/admin/create-connection";
import { listConnections } from "@/lib/admin/list-connections";

export const POST = apiRoute(async (c) => json(await createConnection(await c.context(), await c.body()), 201));

export const GET = apiRoute(async (c) => {
  await c.actor();
  return json({ items: await listConnections() });
});
