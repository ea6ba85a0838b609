import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import { requireAdmin, type Actor } from "@/lib/permissions";

export const insightsQuery = z.object({
  days: z.coerce.number({ error: "days must be a number" }).int().min(1, "days must be 1 to 365").max(365, "days must be 1 to 365").default(30),
});

export type Insights = {
  since: string;
  requestsPerDay: { day: string; status: string; count: number }[];
  timeToDecision: { connection: string; decided: number; medianSeconds: number; p90Seconds: number }[];
  activeGrants: { connection: string; count: number }[];
  topRequesters: { email: string; name: string | null; count: number }[];
  topConnections: { connection: string; count: number }[];
  emergencies: { id: string; connection: string; requester: string; createdAt: string; reviewed: boolean }[];
};

/**
 * Admin insights over the last `days`, each figure one indexed query
 * (access_requests.created_at, status/expires_at): nothing scans more than the window.
 */
export async function getInsights(actor: Actor, raw: unknown, now = new Date()): Promise<Insights> {
  requireAdmin(actor, "see insights");
  const { days } = parseInput(insightsQuery, raw);
  const since = new Date(now.getTime() - days * 24 * 3600 * 1000);
  const client = db();
  const [perDay, decision, active, requesters, connections, emergencies] = await Promise.all([
    client.$queryRaw<{ day: string; status: string; count: bigint }[]>`
      SELECT to_char(date_trunc('day', created_at), 'YYYY-MM-DD') AS day, status::text AS status, count(*) AS count
      FROM access_requests WHERE created_at >= ${since}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    client.$queryRaw<{ connection: string; decided: bigint; median: number; p90: number }[]>`
      SELECT c.name AS connection, count(*) AS decided,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.decided_at - r.created_at)) AS median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r.decided_at - r.created_at)) AS p90
      FROM access_requests r JOIN connections c ON c.id = r.connection_id
      WHERE r.created_at >= ${since} AND r.decided_at IS NOT NULL AND NOT r.auto_approved AND NOT r.emergency
      GROUP BY c.name ORDER BY c.name`,
    client.$queryRaw<{ connection: string; count: bigint }[]>`
      SELECT c.name AS connection, count(*) AS count
      FROM access_requests r JOIN connections c ON c.id = r.connection_id
      WHERE r.status = 'APPROVED' AND r.expires_at > ${now} AND r.extends_request_id IS NULL
        AND (r.starts_at IS NULL OR r.starts_at <= ${now})
      GROUP BY c.name ORDER BY count DESC, c.name`,
    client.$queryRaw<{ email: string; name: string | null; count: bigint }[]>`
      SELECT u.email, u.name, t.count FROM (
        SELECT requester_id, count(*) AS count FROM access_requests WHERE created_at >= ${since}
        GROUP BY requester_id ORDER BY count DESC LIMIT 10
      ) t JOIN users u ON u.id = t.requester_id ORDER BY t.count DESC, u.email`,
    client.$queryRaw<{ connection: string; count: bigint }[]>`
      SELECT c.name AS connection, t.count FROM (
        SELECT connection_id, count(*) AS count FROM access_requests WHERE created_at >= ${since}
        GROUP BY connection_id ORDER BY count DESC LIMIT 10
      ) t JOIN connections c ON c.id = t.connection_id ORDER BY t.count DESC, c.name`,
    client.$queryRaw<{ id: string; connection: string; requester: string; created_at: Date; reviewed_at: Date | null }[]>`
      SELECT r.id, c.name AS connection, u.email AS requester, r.created_at, r.reviewed_at
      FROM access_requests r JOIN connections c ON c.id = r.connection_id JOIN users u ON u.id = r.requester_id
      WHERE r.emergency AND r.created_at >= ${since}
      ORDER BY r.created_at DESC LIMIT 50`,
  ]);
  return {
    since: since.toISOString(),
    requestsPerDay: perDay.map((r) => ({ day: r.day, status: r.status, count: Number(r.count) })),
    timeToDecision: decision.map((r) => ({
      connection: r.connection,
      decided: Number(r.decided),
      medianSeconds: Math.round(Number(r.median)),
      p90Seconds: Math.round(Number(r.p90)),
    })),
    activeGrants: active.map((r) => ({ connection: r.connection, count: Number(r.count) })),
    topRequesters: requesters.map((r) => ({ email: r.email, name: r.name, count: Number(r.count) })),
    topConnections: connections.map((r) => ({ connection: r.connection, count: Number(r.count) })),
    emergencies: emergencies.map((r) => ({
      id: r.id,
      connection: r.connection,
      requester: r.requester,
      createdAt: r.created_at.toISOString(),
      reviewed: r.reviewed_at !== null,
    })),
  };
}
