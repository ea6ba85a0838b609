import { apiRoute, json } from "@/lib/http/api-route";
import { checkAccess } from "@/lib/access/check-access";

export const GET = apiRoute<{ name: string }>(async (c) =>
  json(await checkAccess(await c.actor(), c.params.name, c.searchParams().user)),
);
