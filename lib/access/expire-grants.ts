import { db, inTransaction } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { publishRequestEvents, REQUEST_EVENT_JOB, type RequestEventType } from "@/lib/access/publish-request-event";
import { wakeOutboxWorker } from "@/lib/outbox/wake";
import { DEACTIVATE_MAX_ATTEMPTS, PROVISION_DEACTIVATE_JOB } from "@/lib/provisioning/jobs";

const BATCH_SIZE = 500;
const MAX_BATCHES = 100;
/**
 * Grants ended per statement. Each statement holds the audit chain's lock while it runs
 * (50-75 ms for 1,000 on the 2-core benchmark machine), blocking every other audit write;
 * batches of 2,000 measured no faster overall.
 */
const EXPIRY_BATCH_SIZE = 1_000;

type Swept = { id: string; connection_id: string; due_at: Date; end_note: string | null };

type Pass = {
  /** Selects due rows (aliased `r`), oldest first; must yield `id` and `due_at`. */
  due: (now: Date) => Prisma.Sql;
  to: "EXPIRED";
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

/** The pending-timeout passes: PENDING requests that can no longer be decided become EXPIRED. */
const passes: Pass[] = [
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
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await expireBatch(now);
    counts.expired += rows;
    if (rows < EXPIRY_BATCH_SIZE) break;
  }
  for (const pass of passes) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const rows = await inTransaction((tx) => sweepBatch(tx, pass, now));
      counts.timedOut += rows;
      if (rows < BATCH_SIZE) break;
    }
  }
  return counts;
}

/**
 * One batch of due grants, ended in one statement (so one transaction): each grant becomes
 * EXECUTED with its `request.expired` audit event (chained by the database's trigger) and
 * its `request.event` outbox job, and a provisioned grant that is still open is marked
 * DEPROVISIONING, its password forgotten, with its removal queued. This is, row for row,
 * what a transition's recordEvent + publishRequestEvents write (requestEventJob and
 * queueGrantWork's endGrants; the integration test compares them), done by the database
 * instead of three round trips and two multi-row INSERTs built in JavaScript per batch.
 * Rows another sweep holds are skipped, not waited for.
 */
async function expireBatch(now: Date): Promise<number> {
  // The outbox's clock is the wall clock, as enqueueJobs and @updatedAt would set it: the
  // sweep's `now` may be a test's future, and the dispatcher runs jobs due by its own clock.
  const clock = new Date();
  const [row] = await db().$queryRaw<{ n: number }[]>`
    WITH due AS (
      SELECT r.id FROM access_requests r
      WHERE r.status = 'APPROVED' AND r.expires_at <= ${now}
      ORDER BY r.expires_at LIMIT ${EXPIRY_BATCH_SIZE} FOR UPDATE OF r SKIP LOCKED),
    moved AS (
      UPDATE access_requests a SET status = 'EXECUTED', ended_at = ${now}::timestamp(3)
      FROM due WHERE a.id = due.id
      RETURNING a.id, a.connection_id, a.expires_at),
    events AS (
      INSERT INTO audit_events (at, action, target_type, target_id, request_id, connection_id, data)
      SELECT ${now}::timestamp(3), 'request.expired', 'access_request', m.id, m.id, m.connection_id,
        jsonb_build_object('dueAt', to_char(m.expires_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'by', 'expiry sweep')
      FROM moved m ORDER BY m.expires_at, m.id),
    request_jobs AS (
      INSERT INTO outbox_jobs (id, kind, payload, dedupe_key, request_id, next_attempt_at)
      SELECT gen_random_uuid()::text, ${REQUEST_EVENT_JOB},
        jsonb_build_object('type', 'request.expired', 'requestId', m.id, 'actorId', NULL, 'at', ${now.toISOString()}::text),
        'request.expired:' || m.id, m.id, ${clock}::timestamp(3)
      FROM moved m
      ON CONFLICT DO NOTHING),
    ending AS (
      UPDATE access_grants g SET status = 'DEPROVISIONING', password_ciphertext = NULL, end_reason = 'expired',
        end_requested_at = ${now}::timestamp(3), attempts = 0, last_error = NULL, last_error_at = NULL,
        updated_at = ${clock}::timestamp(3)
      FROM moved m WHERE g.request_id = m.id AND g.status IN ('PROVISIONING', 'ACTIVE', 'FAILED')
      RETURNING g.request_id),
    removal_jobs AS (
      INSERT INTO outbox_jobs (id, kind, payload, dedupe_key, request_id, next_attempt_at, max_attempts)
      SELECT gen_random_uuid()::text, ${PROVISION_DEACTIVATE_JOB}, jsonb_build_object('requestId', e.request_id),
        ${PROVISION_DEACTIVATE_JOB} || ':' || e.request_id, e.request_id, ${clock}::timestamp(3), ${DEACTIVATE_MAX_ATTEMPTS}::int
      FROM ending e
      ON CONFLICT DO NOTHING)
    SELECT count(*)::int AS n FROM moved`;
  const moved = row?.n ?? 0;
  // What inTransaction does after a commit that queued jobs: the outbox worker runs now.
  if (moved) wakeOutboxWorker();
  return moved;
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
