import { apiRoute, json } from "@/lib/http/api-route";
import { expireGrants } from "@/lib/access/expire-grants";
import { foldInsightDeltas } from "@/lib/insights/fold-insights";
import { assertCronAuthorized } from "@/lib/http/cron-auth";

const sweep = apiRoute(async (c) => {
  assertCronAuthorized(c.request);
  const swept = await expireGrants();
  // The insight rollups' deltas ride on the sweep's schedule; a failed fold is retried next time.
  const insightDeltasFolded = await foldInsightDeltas().catch((error: unknown) => {
    console.error("Timebox: folding insight deltas failed:", (error as Error).message);
    return 0;
  });
  return json({ ...swept, insightDeltasFolded });
});

export const GET = sweep;
export const POST = sweep;
