import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InsightWindow, Insights } from "@/lib/insights/get-insights";

/**
 * The rollup-backed figures of getInsights, counted straight from access_requests: the
 * definition the rollups must equal (integration tests compare the two in one snapshot)
 * and the baseline the benchmark times. It reads every request of the window, so the app
 * does not use it.
 */
export function referenceStatements(w: InsightWindow) {
  const decided = Prisma.sql`created_at >= ${w.since} AND decided_at IS NOT NULL AND NOT auto_approved AND NOT emergency`;
  return {
    perDay: Prisma.sql`
      SELECT to_char(date_trunc('day', created_at), 'YYYY-MM-DD') AS day, status::text AS status, count(*) AS count
      FROM access_requests WHERE created_at >= ${w.since} GROUP BY 1, 2 ORDER BY 1, 2`,
    decisions: Prisma.sql`
      SELECT c.name AS connection, t.decided, t.median, t.p90 FROM (
        SELECT connection_id, count(*) AS decided,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at)) AS median,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at)) AS p90
        FROM access_requests WHERE ${decided} GROUP BY connection_id
      ) t JOIN connections c ON c.id = t.connection_id ORDER BY c.name`,
    requesters: Prisma.sql`
      SELECT u.email, u.name, t.count FROM (
        SELECT requester_id, count(*) AS count FROM access_requests WHERE created_at >= ${w.since} GROUP BY requester_id
      ) t JOIN users u ON u.id = t.requester_id ORDER BY t.count DESC, u.email LIMIT 10`,
    connections: Prisma.sql`
      SELECT c.name AS connection, t.count FROM (
        SELECT connection_id, count(*) AS count FROM access_requests WHERE created_at >= ${w.since} GROUP BY connection_id
      ) t JOIN connections c ON c.id = t.connection_id ORDER BY t.count DESC, c.name LIMIT 10`,
  };
}

export type ReferenceInsights = Pick<Insights, "requestsPerDay" | "timeToDecision" | "topRequesters" | "topConnections">;

export async function insightsFromRequests(client: Db | Tx, w: InsightWindow): Promise<ReferenceInsights> {
  const q = referenceStatements(w);
  const [perDay, decisions, requesters, connections] = await Promise.all([
    client.$queryRaw<{ day: string; status: string; count: bigint }[]>(q.perDay),
    client.$queryRaw<{ connection: string; decided: bigint; median: number; p90: number }[]>(q.decisions),
    client.$queryRaw<{ email: string; name: string | null; count: bigint }[]>(q.requesters),
    client.$queryRaw<{ connection: string; count: bigint }[]>(q.connections),
  ]);
  return {
    requestsPerDay: perDay.map((r) => ({ day: r.day, status: r.status, count: Number(r.count) })),
    timeToDecision: decisions.map((r) => ({
      connection: r.connection,
      decided: Number(r.decided),
      medianSeconds: Math.round(Number(r.median)),
      p90Seconds: Math.round(Number(r.p90)),
    })),
    topRequesters: requesters.map((r) => ({ email: r.email, name: r.name, count: Number(r.count) })),
    topConnections: connections.map((r) => ({ connection: r.connection, count: Number(r.count) })),
  };
}
