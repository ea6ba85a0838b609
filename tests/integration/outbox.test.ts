import { describe, expect, it } from "vitest";
import { db, inTransaction } from "@/lib/db";
import { enqueueJobs } from "@/lib/outbox/enqueue-job";
import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { retryDeadJob } from "@/lib/outbox/retry-dead-job";
import { listDeadJobs } from "@/lib/outbox/list-dead-jobs";
import { PermanentJobError } from "@/lib/outbox/job-handler";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { revokeGrant } from "@/lib/access/revoke-grant";
import { expireGrants } from "@/lib/access/expire-grants";
import { as, failure, makeConnection, makeGroup, makeUser, unique } from "./factories";

const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);

async function queue(kind: string, payload = {}) {
  await inTransaction((tx) => enqueueJobs(tx, [{ kind, payload, dedupeKey: unique(kind) }]));
}

describe("the outbox", () => {
  it("retries a failing delivery with backoff and delivers it exactly once", async () => {
    const kind = unique("test.flaky");
    await queue(kind, { to: "bob" });
    let calls = 0;
    const delivered: unknown[] = [];
    const handlers = {
      [kind]: async (job: { payload: unknown }) => {
        calls++;
        if (calls <= 2) throw new Error("HTTP 500 from receiver");
        delivered.push(job.payload);
        return { messageId: "m-1" };
      },
    };
    const t0 = new Date();
    expect(await dispatchJobs({ kinds: [kind], handlers, now: t0 })).toMatchObject({ claimed: 1, retrying: 1 });
    // Not due again until its backoff has passed.
    expect((await dispatchJobs({ kinds: [kind], handlers, now: later(1_000, t0) })).claimed).toBe(0);
    expect(await dispatchJobs({ kinds: [kind], handlers, now: later(6_000, t0) })).toMatchObject({ retrying: 1 });
    expect(await dispatchJobs({ kinds: [kind], handlers, now: later(20_000, t0) })).toMatchObject({ done: 1 });
    expect(await dispatchJobs({ kinds: [kind], handlers, now: later(3_600_000, t0) })).toMatchObject({ claimed: 0 });
    expect(delivered).toEqual([{ to: "bob" }]);
    const job = await db().outboxJob.findFirstOrThrow({ where: { kind } });
    expect(job).toMatchObject({ status: "DONE", attempts: 3, result: { messageId: "m-1" } });
  });

  it("marks a job dead after its attempts, shows it to admins, and retries it on request", async () => {
    const kind = unique("test.broken");
    await inTransaction((tx) => enqueueJobs(tx, [{ kind, payload: {}, dedupeKey: unique("k"), maxAttempts: 2 }]));
    const failing = { [kind]: async () => Promise.reject(new Error("connection refused")) };
    const t0 = new Date();
    await dispatchJobs({ kinds: [kind], handlers: failing, now: t0 });
    expect(await dispatchJobs({ kinds: [kind], handlers: failing, now: later(60_000, t0) })).toMatchObject({ dead: 1 });
    const job = await db().outboxJob.findFirstOrThrow({ where: { kind } });
    expect(job).toMatchObject({ status: "DEAD", attempts: 2, lastError: "connection refused" });

    const admin = await makeUser({ admin: true });
    expect((await listDeadJobs(admin)).some((j) => j.id === job.id)).toBe(true);
    await failure(listDeadJobs(await makeUser()), "forbidden");
    await failure(retryDeadJob(as(await makeUser()), job.id), "forbidden");
    await retryDeadJob(as(admin), job.id);
    await failure(retryDeadJob(as(admin), job.id), "conflict");
    expect(await dispatchJobs({ kinds: [kind], handlers: { [kind]: async () => undefined }, now: later(120_000, t0) })).toMatchObject({ done: 1 });
  });

  it("sends a job whose dispatcher died mid-delivery once its lease lapses", async () => {
    const kind = unique("test.crash");
    await queue(kind);
    const t0 = new Date();
    // A dispatcher claimed it and was killed before recording the outcome.
    await db().outboxJob.updateMany({ where: { kind }, data: { lockedUntil: later(5 * 60_000, t0), attempts: 1 } });
    let sent = 0;
    const handlers = { [kind]: async () => void sent++ };
    expect((await dispatchJobs({ kinds: [kind], handlers, now: later(1_000, t0) })).claimed).toBe(0);
    expect(await dispatchJobs({ kinds: [kind], handlers, now: later(5 * 60_000 + 1, t0) })).toMatchObject({ done: 1 });
    expect(sent).toBe(1);
  });

  it("goes dead at once on a permanent error or an unknown kind", async () => {
    const kind = unique("test.permanent");
    await queue(kind);
    const handlers = { [kind]: async () => Promise.reject(new PermanentJobError("HTTP 404: channel_not_found")) };
    expect(await dispatchJobs({ kinds: [kind], handlers })).toMatchObject({ dead: 1 });
    const orphan = unique("test.orphan");
    await queue(orphan);
    expect(await dispatchJobs({ kinds: [orphan], handlers: {} })).toMatchObject({ dead: 1 });
  });

  it("queues jobs only if the transaction commits, and each dedupe key once", async () => {
    const kind = unique("test.tx");
    await expect(
      inTransaction(async (tx) => {
        await enqueueJobs(tx, [{ kind, payload: {}, dedupeKey: `${kind}:1` }]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db().outboxJob.count({ where: { kind } })).toBe(0);
    await inTransaction((tx) => enqueueJobs(tx, [{ kind, payload: {}, dedupeKey: `${kind}:1` }]));
    await inTransaction((tx) => enqueueJobs(tx, [{ kind, payload: {}, dedupeKey: `${kind}:1` }]));
    expect(await db().outboxJob.count({ where: { kind } })).toBe(1);
  });
});

describe("request events are published with their transition", () => {
  const eventsFor = async (requestId: string) =>
    (await db().outboxJob.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } })).map((j) => (j.payload as { type: string }).type);

  it("for create, approvals, approval, revoke and expiry", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group, min: 2 }] });
    const req = await createRequest(as(await makeUser()), { connection: conn.name, duration: "1m" });
    await approveRequest(as(await makeUser({ groups: [group] })), req.id);
    const approver = await makeUser({ groups: [group] });
    await approveRequest(as(approver), req.id);
    await approveRequest(as(approver), req.id);
    expect(await eventsFor(req.id)).toEqual(["request.created", "request.approval_added", "request.approval_added", "request.approved"]);
    await revokeGrant(as(await makeUser({ admin: true })), req.id, { reason: "done" });
    expect((await eventsFor(req.id)).at(-1)).toBe("request.revoked");

    const other = await createRequest(as(await makeUser()), { connection: (await makeConnection()).name, duration: "1m" });
    await expireGrants(later(61_000));
    expect(await eventsFor(other.id)).toEqual(["request.created", "request.approved", "request.expired"]);
  });

  it("for rejection, and nothing for a refused action", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }] });
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    await failure(approveRequest(as(await makeUser()), req.id), "forbidden");
    await rejectRequest(as(await makeUser({ groups: [group] })), req.id, { reason: "no" });
    expect(await eventsFor(req.id)).toEqual(["request.created", "request.rejected"]);
  });
});
