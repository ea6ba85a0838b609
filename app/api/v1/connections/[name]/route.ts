import { apiRoute, json } from "@/lib/http/api-route";
import { updateConnection } from "@/lib/admin/update-connection";
import { getConnection } from "@/lib/admin/list-connections";

export const GET = apiRoute<{ name: string }>(async (c) => {
  await c.actor();
  return json(await getConnection(c.params.name));
});

export const PATCH = apiRoute<{ name: string }>(async (c) =>
  json(await updateConnection(await c.context(), c.params.name, await c.body())),
);
