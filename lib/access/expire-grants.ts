import { inTransaction } from "@/lib/db";
import { publishRequestEvents } from "@/lib/access/publish-request-event";

const BATCH_SIZE = 500;
const MAX_BATCHES = 100;

type Expired = { id: string; connection_id: string; expires_at: Date };

/**
 * The expiry sweep: APPROVED grants past their expiry become EXECUTED, each with one
 * event in the same transaction. Rows another sweep holds are skipped, not waited for,
 * so any number of instances can sweep at once and each grant is expired exactly once.
 */
export async function expireGrants(now = new Date()): Promise<{ expired: number }> {
  let expired = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const rows = await inTransaction(async (tx) => {
      const due = await tx.$queryRaw<Expired[]>`
        UPDATE access_requests SET status = 'EXECUTED', ended_at = ${now}
        WHERE id IN (
          SELECT id FROM access_requests
          WHERE status = 'APPROVED' AND expires_at <= ${now}
          ORDER BY expires_at
          LIMIT ${BATCH_SIZE}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING id, connection_id, expires_at`;
      if (due.length) {
        await tx.auditEvent.createMany({
          data: due.map((r) => ({
            at: now,
            action: "request.expired",
            targetType: "access_request",
            targetId: r.id,
            requestId: r.id,
            connectionId: r.connection_id,
            data: { expiresAt: r.expires_at.toISOString(), by: "expiry sweep" },
          })),
        });
        await publishRequestEvents(
          tx,
          due.map((r) => ({ type: "request.expired" as const, requestId: r.id, actorId: null, at: now.toISOString() })),
        );
      }
      return due;
    });
    expired += rows.length;
    if (rows.length < BATCH_SIZE) break;
  }
  return { expired };
}
