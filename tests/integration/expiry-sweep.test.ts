import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expireGrants } from "@/lib/access/expire-grants";
import { requestEventJob } from "@/lib/access/publish-request-event";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { onOutboxWake } from "@/lib/outbox/wake";
import { DEACTIVATE_MAX_ATTEMPTS, PROVISION_DEACTIVATE_JOB, deactivateJobKey } from "@/lib/provisioning/jobs";
import { makeConnection, makeUser, unique } from "./factories";

const HOUR = 3600_000;

/** `n` requests with ids `<prefix>00001`…, straight into the table (as the benchmark seeds them). */
async function insertRequests(
  prefix: string,
  n: number,
  opts: { connectionId: string; requesterId: string; status: "APPROVED" | "REVOKED"; expiresAt: Date },
): Promise<string[]> {
  await db().$executeRaw`
    INSERT INTO access_requests (id, connection_id, requester_id, status, duration_seconds, reason, created_at, decided_at, expires_at)
    SELECT ${prefix} || lpad(i::text, 5, '0'), ${opts.connectionId}, ${opts.requesterId}, ${opts.status}::"RequestStatus", 3600,
      'sweep test', ${opts.expiresAt}::timestamp(3) - interval '1 hour', ${opts.expiresAt}::timestamp(3) - interval '1 hour',
      ${opts.expiresAt}::timestamp(3) - (interval '1 millisecond' * i)
    FROM generate_series(1, ${n}::int) AS i`;
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, "0")}`);
}

/**
 * Waits until no other sweep holds these rows: test files run in parallel on PostgreSQL and
 * their sweeps may take some of ours; whoever moved a row, it must be moved completely.
 */
async function settled(ids: string[]): Promise<void> {
  await db().$queryRaw`SELECT id FROM access_requests WHERE id = ANY(${ids}::text[]) FOR SHARE`;
}

describe("expiry sweep", () => {
  it("ends every due grant, several batches' worth, each once with its event and job, and nothing else", async () => {
    const conn = await makeConnection();
    const requester = await makeUser();
    const base = { connectionId: conn.id, requesterId: requester.id };
    const now = new Date();
    const prefix = unique("sweep");
    // More than two batches of 1,000: two sweeps at once that each stopped after one batch would miss some.
    const due = await insertRequests(`${prefix}-due-`, 2_600, { ...base, status: "APPROVED", expiresAt: new Date(now.getTime() - 60_000) });
    const live = await insertRequests(`${prefix}-live-`, 50, { ...base, status: "APPROVED", expiresAt: new Date(now.getTime() + HOUR) });
    const revoked = await insertRequests(`${prefix}-revoked-`, 50, { ...base, status: "REVOKED", expiresAt: new Date(now.getTime() - 60_000) });

    let wakes = 0;
    const stopListening = onOutboxWake(() => wakes++);
    try {
      await expireGrants(now);
    } finally {
      stopListening();
    }
    await settled(due);
    expect(wakes).toBeGreaterThanOrEqual(1);

    const rows = await db().accessRequest.findMany({ where: { id: { startsWith: prefix } }, select: { id: true, status: true, endedAt: true, expiresAt: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of due) {
      const r = byId.get(id)!;
      expect(r.status).toBe("EXECUTED");
      // Ours or a parallel file's sweep (with its own clock), never later than now.
      expect(r.endedAt!.getTime()).toBeGreaterThanOrEqual(r.expiresAt!.getTime());
    }
    expect(live.map((id) => byId.get(id)!)).toEqual(live.map(() => expect.objectContaining({ status: "APPROVED", endedAt: null })));
    expect(revoked.map((id) => byId.get(id)!.status)).toEqual(revoked.map(() => "REVOKED"));

    // One audit event per ended grant, as the sweep has always written them.
    const events = await db().auditEvent.findMany({ where: { requestId: { startsWith: prefix } }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(due.length);
    const eventOf = new Map(events.map((e) => [e.requestId!, e]));
    for (const id of due) {
      const r = byId.get(id)!;
      expect(eventOf.get(id)).toMatchObject({
        at: r.endedAt,
        actorId: null,
        actorEmail: null,
        action: "request.expired",
        targetType: "access_request",
        targetId: id,
        connectionId: conn.id,
        data: { dueAt: r.expiresAt!.toISOString(), by: "expiry sweep" },
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }

    // One request.event job per ended grant, exactly what publishRequestEvents queues.
    const jobs = await db().outboxJob.findMany({ where: { requestId: { startsWith: prefix } } });
    expect(jobs).toHaveLength(due.length);
    const jobOf = new Map(jobs.map((j) => [j.requestId!, j]));
    for (const id of due) {
      const expected = requestEventJob({ type: "request.expired", requestId: id, actorId: null, at: byId.get(id)!.endedAt!.toISOString() });
      expect(jobOf.get(id)).toMatchObject({
        kind: expected.kind,
        payload: expected.payload,
        dedupeKey: expected.dedupeKey,
        status: "PENDING",
        attempts: 0,
        maxAttempts: 8,
      });
      expect(jobOf.get(id)!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    }

    // A second sweep finds nothing of ours, and the audit chain still verifies.
    await expireGrants(now);
    expect(await db().auditEvent.count({ where: { requestId: { startsWith: prefix } } })).toBe(due.length);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("deprovisions the open grants of expired requests: password forgotten, removal queued", async () => {
    const conn = await makeConnection();
    const requester = await makeUser();
    const base = { connectionId: conn.id, requesterId: requester.id };
    const now = new Date();
    const prefix = unique("sweep-grants");
    const [active, failed, provisioning, stuck, none] = await insertRequests(`${prefix}-due-`, 5, {
      ...base,
      status: "APPROVED",
      expiresAt: new Date(now.getTime() - 60_000),
    });
    const [live] = await insertRequests(`${prefix}-live-`, 1, { ...base, status: "APPROVED", expiresAt: new Date(now.getTime() + HOUR) });
    const grant = (requestId: string, status: "ACTIVE" | "FAILED" | "PROVISIONING" | "DEPROVISION_FAILED") => ({
      requestId,
      connectionId: conn.id,
      provisioner: "postgres" as const,
      status,
      roleName: `tb_${requestId.slice(-12)}`,
      passwordCiphertext: status === "PROVISIONING" ? null : "v1:ciphertext",
      attempts: status === "ACTIVE" ? 1 : 3,
      lastError: status === "ACTIVE" ? null : "connection refused",
      lastErrorAt: status === "ACTIVE" ? null : new Date(now.getTime() - 30_000),
    });
    await db().accessGrant.createMany({
      data: [grant(active!, "ACTIVE"), grant(failed!, "FAILED"), grant(provisioning!, "PROVISIONING"), grant(stuck!, "DEPROVISION_FAILED"), grant(live!, "ACTIVE")],
    });
    const before = new Date();

    await expireGrants(now);
    await settled([active!, failed!, provisioning!, stuck!, none!]);

    const rows = new Map((await db().accessRequest.findMany({ where: { id: { startsWith: prefix } } })).map((r) => [r.id, r]));
    for (const id of [active, failed, provisioning, stuck, none]) expect(rows.get(id!)!.status).toBe("EXECUTED");
    expect(rows.get(live!)!.status).toBe("APPROVED");

    const grants = new Map((await db().accessGrant.findMany({ where: { requestId: { startsWith: prefix } } })).map((g) => [g.requestId, g]));
    for (const id of [active!, failed!, provisioning!]) {
      const g = grants.get(id)!;
      expect(g).toMatchObject({
        status: "DEPROVISIONING",
        passwordCiphertext: null,
        endReason: "expired",
        endRequestedAt: rows.get(id)!.endedAt,
        attempts: 0,
        lastError: null,
        lastErrorAt: null,
      });
      expect(g.updatedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    }
    // Already past opening or closing: left for an admin's retry, as before.
    expect(grants.get(stuck!)).toMatchObject({ status: "DEPROVISION_FAILED", passwordCiphertext: "v1:ciphertext", endReason: null });
    expect(grants.get(live!)).toMatchObject({ status: "ACTIVE", passwordCiphertext: "v1:ciphertext", endReason: null });

    const removals = await db().outboxJob.findMany({ where: { requestId: { startsWith: prefix }, kind: PROVISION_DEACTIVATE_JOB } });
    expect(removals.map((j) => j.requestId).sort()).toEqual([active!, failed!, provisioning!].sort());
    for (const job of removals) {
      expect(job).toMatchObject({
        payload: { requestId: job.requestId },
        dedupeKey: deactivateJobKey(job.requestId!),
        status: "PENDING",
        maxAttempts: DEACTIVATE_MAX_ATTEMPTS,
      });
    }
    // Every ended request still tells its people, provisioned or not.
    expect(await db().outboxJob.count({ where: { requestId: { startsWith: prefix }, kind: "request.event" } })).toBe(5);
  });
});
