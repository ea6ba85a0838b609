import { inTransaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { publishRequestEvents, type RequestEventType } from "@/lib/access/publish-request-event";

const BATCH_SIZE = 500;
const MAX_BATCHES = 100;

type Swept = { id: string; connection_id: string; due_at: Date; end_note: string | null };

type Pass = {
  /** Selects due rows (aliased `r`), oldest first; must yield `id` and `due_at`. */
  due: (now: Date) => Prisma.Sql;
  to: "EXECUTED" | "EXPIRED";
  action: string;
  event: RequestEventType;
  note: string;
  /** The request's `end_note` after the pass, a SQL expression over the updated row `a`; unset keeps it. */
  endNote?: Prisma.Sql;
};

/** "No decision within 24h": the request's own pending timeout, in the form formatDuration writes. */
const noDecisionNote = Prisma.sql`'No decision within ' || (
  SELECT CASE WHEN t.m = 0 THEN t.h || 'h' WHEN t.h = 0 THEN t.m || 'm' ELSE t.h || 'h' || t.m || 'm' END
  FROM (SELECT x.mins / 60 AS h, x.mins % 60 AS m
        FROM (SELECT floor(extract(epoch FROM a.pending_expires_at - a.created_at) / 60)::int AS mins) x) t)`;

const passes: Pass[] = [
  {
    due: (now) => Prisma.sql`SELECT r.id, r.expires_at AS due_at FROM access_requests r
      WHERE r.status = 'APPROVED' AND r.expires_at <= ${now} ORDER BY r.expires_at`,
    to: "EXECUTED",
    action: "request.expired",
    event: "request.expired",
    note: "expiry sweep",
  },
  {
    due: (now) => Prisma.sql`SELECT r.id, r.pending_expires_at AS due_at FROM access_requests r
      WHERE r.status = 'PENDING' AND r.pending_expires_at <= ${now} ORDER BY r.pending_expires_at`,
    to: "EXPIRED",
    action: "request.timed_out",
    event: "request.timed_out",
    note: "no decision within the connection's pending timeout",
    endNote: noDecisionNote,
  },
  {
    due: (now) => Prisma.sql`SELECT r.id, r.created_at AS due_at FROM access_requests r
      JOIN access_requests g ON g.id = r.extends_request_id
      WHERE r.status = 'PENDING' AND NOT (g.status = 'APPROVED' AND g.expires_at > ${now}) ORDER BY r.created_at`,
    to: "EXPIRED",
    action: "request.timed_out",
    event: "request.timed_out",
    note: "the grant it would extend has ended",
    endNote: Prisma.sql`'The grant it would extend ended before a decision'`,
  },
];

/**
 * The sweep: APPROVED grants past their expiry become EXECUTED; PENDING requests past
 * their pending timeout, and pending extensions of grants that have ended, become
 * EXPIRED. Each row changes with one event in the same transaction. Rows another sweep
 * holds are skipped, not waited for, so instances can sweep at once and each request
 * moves exactly once.
 */
export async function expireGrants(now = new Date()): Promise<{ expired: number; timedOut: number }> {
  const counts = { expired: 0, timedOut: 0 };
  for (const pass of passes) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const rows = await inTransaction((tx) => sweepBatch(tx, pass, now));
      counts[pass.to === "EXECUTED" ? "expired" : "timedOut"] += rows;
      if (rows < BATCH_SIZE) break;
    }
  }
  return counts;
}

async function sweepBatch(tx: Prisma.TransactionClient, pass: Pass, now: Date): Promise<number> {
  const due = await tx.$queryRaw<Swept[]>`
    WITH due AS (${pass.due(now)} LIMIT ${BATCH_SIZE} FOR UPDATE OF r SKIP LOCKED)
    UPDATE access_requests a SET status = ${pass.to}::"RequestStatus", ended_at = ${now},
      end_note = ${pass.endNote ?? Prisma.sql`a.end_note`}
    FROM due WHERE a.id = due.id
    RETURNING a.id, a.connection_id, a.end_note, due.due_at`;
  if (!due.length) return 0;
  await tx.auditEvent.createMany({
    data: due.map((r) => ({
      at: now,
      action: pass.action,
      targetType: "access_request",
      targetId: r.id,
      requestId: r.id,
      connectionId: r.connection_id,
      data: { dueAt: r.due_at.toISOString(), by: pass.note, ...(pass.endNote ? { note: r.end_note } : {}) },
    })),
  });
  await publishRequestEvents(
    tx,
    due.map((r) => ({ type: pass.event, requestId: r.id, actorId: null, at: now.toISOString() })),
  );
  return due.length;
}
