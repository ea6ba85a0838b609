import { db, type Db } from "@/lib/db";

/**
 * Folds the insight deltas that triggers on access_requests appended since the last fold
 * into the daily rollups (fold_insight_deltas() in prisma/migrations/…_insight_rollups):
 * one statement, one folder at a time across instances. Insights are exact either way;
 * folding keeps what they read small. Returns the deltas moved (-1: another instance was
 * folding).
 */
export async function foldInsightDeltas(client: Db = db()): Promise<number> {
  const [row] = await client.$queryRaw<{ moved: number }[]>`SELECT fold_insight_deltas() AS moved`;
  return row?.moved ?? 0;
}
