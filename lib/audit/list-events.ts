import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import type { Actor } from "@/lib/permissions";

export const listEventsQuery = z.object({
  actor: z.string().trim().toLowerCase().max(320).optional(),
  connection: z.string().trim().max(200).optional(),
  request: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  cursor: z.string().regex(/^\d{1,19}$/, "cursor is not one this API returned.").optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be 1 to 100").max(100, "limit must be 1 to 100").default(50),
});

export type ListEventsQuery = z.input<typeof listEventsQuery>;

export type AuditEventView = {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  requestId: string | null;
  connection: string | null;
  targetType: string;
  targetId: string;
  data: Prisma.JsonValue;
  /** Where the change came from; admins only. */
  ip?: string | null;
  userAgent?: string | null;
};

type EventRow = {
  id: bigint;
  at: Date;
  actor_email: string | null;
  action: string;
  request_id: string | null;
  connection_name: string | null;
  target_type: string;
  target_id: string;
  data: Prisma.JsonValue;
  ip: string | null;
  user_agent: string | null;
};

const empty = { items: [] as AuditEventView[], nextCursor: null };

/**
 * The audit log, newest first, keyset-paginated on the event id. Admins see every
 * event; anyone else sees only the events of requests they made. Filters are exact:
 * actor email, connection name, request id, action.
 */
export async function listEvents(actor: Actor, raw: unknown): Promise<{ items: AuditEventView[]; nextCursor: string | null }> {
  const q = parseInput(listEventsQuery, raw);
  const where: Prisma.Sql[] = [];
  if (!actor.isAdmin) {
    where.push(Prisma.sql`e.request_id IN (SELECT r.id FROM access_requests r WHERE r.requester_id = ${actor.id})`);
  }
  if (q.actor) {
    const user = await db().user.findUnique({ where: { email: q.actor }, select: { id: true } });
    if (!user) return empty;
    where.push(Prisma.sql`e.actor_id = ${user.id}`);
  }
  if (q.connection) {
    const connection = await db().connection.findUnique({ where: { name: q.connection }, select: { id: true } });
    if (!connection) return empty;
    where.push(Prisma.sql`e.connection_id = ${connection.id}`);
  }
  if (q.request) where.push(Prisma.sql`e.request_id = ${q.request}`);
  if (q.action) where.push(Prisma.sql`e.action = ${q.action}`);
  if (q.cursor) where.push(Prisma.sql`e.id < ${BigInt(q.cursor)}`);

  const rows = await db().$queryRaw<EventRow[]>`
    SELECT e.id, e.at, e.actor_email, e.action, e.request_id, c.name AS connection_name,
           e.target_type, e.target_id, e.data, e.ip, e.user_agent
    FROM audit_events e
    LEFT JOIN connections c ON c.id = e.connection_id
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY e.id DESC
    LIMIT ${q.limit + 1}`;

  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actor: r.actor_email,
      action: r.action,
      requestId: r.request_id,
      connection: r.connection_name,
      targetType: r.target_type,
      targetId: r.target_id,
      data: r.data,
      ...(actor.isAdmin ? { ip: r.ip, userAgent: r.user_agent } : {}),
    })),
    nextCursor: rows.length > q.limit ? page.at(-1)!.id.toString() : null,
  };
}
