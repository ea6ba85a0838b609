import { apiRoute, json } from "@/lib/http/api-route";
import { expireGrants } from "@/lib/access/expire-grants";
import { assertCronAuthorized } from "@/lib/http/cron-auth";

const sweep = apiRoute(async (c) => {
  assertCronAuthorized(c.request);
  return json(await expireGrants());
});

export const GET = sweep;
export const POST = sweep;
