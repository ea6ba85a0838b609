import { apiRoute, json } from "@/lib/http/api-route";
import { forceApproveRequest } from "@/lib/access/force-approve-request";

export const POST = apiRoute<{ id: string }>(async (c) =>
  json(await forceApproveRequest(await c.context(), c.params.id, await c.body())),
);
