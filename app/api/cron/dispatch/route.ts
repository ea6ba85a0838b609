import { apiRoute, json } from "@/lib/http/api-route";
import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { assertCronAuthorized } from "@/lib/http/cron-auth";

const dispatch = apiRoute(async (c) => {
  assertCronAuthorized(c.request);
  return json(await dispatchJobs({ limit: 100 }));
});

export const GET = dispatch;
export const POST = dispatch;
