import { describe, expect, it } from "vitest";
import { db, inTransaction } from "@/lib/db";
import { enqueueJobs } from "@/lib/outbox/enqueue-job";
import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { revokeGrant } from "@/lib/access/revoke-grant";
import { expireGrants } from "@/lib/access/expire-grants";
import { as, eventsOf, makeConnection, makeGroup, makeUser, unique } from "../integration/factories";

const settled = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);
const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === "rejected" ? (r.reason as { code?: string }).code : "ok");

describe("races on PostgreSQL", () => {
  it("20 approvers at once: every approval recorded, exactly one transition event", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group, min: 20 }] });
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    const approvers = await Promise.all(Array.from({ length: 20 }, () => makeUser({ groups: [group] })));

    const results = await settled(approvers.map((a) => approveRequest(as(a), req.id)));
    expect(results.map(codeOf)).toEqual(Array(20).fill("ok"));
    expect(await db().approval.count({ where: { requestId: req.id } })).toBe(20);
    const events = await eventsOf(req.id);
    expect(events.filter((e) => e.action === "request.approval_added")).toHaveLength(20);
    expect(events.filter((e) => e.action === "request.approved")).toHaveLength(1);
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("APPROVED");
  });

  it("more approvers than needed at once: one APPROVED, late ones get 409, recorded approvals kept", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group, min: 2 }] });
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    const approvers = await Promise.all(Array.from({ length: 10 }, () => makeUser({ groups: [group] })));
    const results = await settled(approvers.map((a) => approveRequest(as(a), req.id)));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === "ok").length).toBe(2);
    expect(codes.filter((c) => c === "conflict").length).toBe(8);
    expect(await db().approval.count({ where: { requestId: req.id } })).toBe(2);
    expect((await eventsOf(req.id)).filter((e) => e.action === "request.approved")).toHaveLength(1);
  });

  it("approve racing reject ends in one legal state with every recorded approval kept", async () => {
    for (let round = 0; round < 5; round++) {
      const group = await makeGroup();
      const conn = await makeConnection({ groups: [{ group, min: 1 }] });
      const req = await createRequest(as(await makeUser()), { connection: conn.name });
      const [approve, reject] = await settled([
        approveRequest(as(await makeUser({ groups: [group] })), req.id),
        rejectRequest(as(await makeUser({ groups: [group] })), req.id, { reason: "race" }),
      ]);
      const final = await db().accessRequest.findUniqueOrThrow({ where: { id: req.id }, include: { approvals: true } });
      expect(["APPROVED", "REJECTED"]).toContain(final.status);
      // Exactly one side won; the loser saw the winner's state.
      expect([codeOf(approve!), codeOf(reject!)].sort()).toEqual(["conflict", "ok"]);
      if (final.status === "APPROVED") expect(final.approvals).toHaveLength(1);
      const transitions = (await eventsOf(req.id)).filter((e) => e.action === "request.approved" || e.action === "request.rejected");
      expect(transitions).toHaveLength(1);
    }
  });

  it("approve racing revoke ends in one legal state", async () => {
    for (let round = 0; round < 5; round++) {
      const group = await makeGroup();
      const conn = await makeConnection({ groups: [{ group, min: 2 }] });
      const req = await createRequest(as(await makeUser()), { connection: conn.name });
      await approveRequest(as(await makeUser({ groups: [group] })), req.id);
      const admin = await makeUser({ admin: true });
      const results = await settled([
        approveRequest(as(await makeUser({ groups: [group] })), req.id),
        revokeGrant(as(admin), req.id, { reason: "race" }),
      ]);
      const final = await db().accessRequest.findUniqueOrThrow({ where: { id: req.id }, include: { approvals: true } });
      expect(final.approvals).toHaveLength(final.status === "PENDING" ? 1 : 2);
      // Either revoke came first (409, then approved) or approve came first (then revoked).
      if (codeOf(results[1]!) === "ok") expect(final.status).toBe("REVOKED");
      else expect(final.status).toBe("APPROVED");
      expect(codeOf(results[0]!)).toBe("ok");
    }
  });

  it("two sweeps at once expire each grant exactly once", async () => {
    const conn = await makeConnection();
    const start = new Date(Date.now() - 3 * 3600_000);
    const requesters = await Promise.all(Array.from({ length: 30 }, () => makeUser()));
    const requests = await Promise.all(requesters.map((r) => createRequest(as(r, start), { connection: conn.name, duration: "1m" })));
    const [a, b] = await Promise.all([expireGrants(), expireGrants()]);
    expect(a!.expired + b!.expired).toBeGreaterThanOrEqual(30);
    const rows = await db().accessRequest.findMany({ where: { id: { in: requests.map((r) => r.id) } } });
    expect(rows.every((r) => r.status === "EXECUTED")).toBe(true);
    const expiredEvents = await db().auditEvent.count({ where: { action: "request.expired", requestId: { in: requests.map((r) => r.id) } } });
    expect(expiredEvents).toBe(30);
  });

  it("two identical requests at once: one PENDING, the other 409", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }] });
    const requester = await makeUser();
    const results = await settled(Array.from({ length: 5 }, () => createRequest(as(requester), { connection: conn.name })));
    expect(results.map(codeOf).sort()).toEqual(["conflict", "conflict", "conflict", "conflict", "ok"]);
    expect(await db().accessRequest.count({ where: { requesterId: requester.id } })).toBe(1);
  });
});

describe("outbox races on PostgreSQL", () => {
  it("20 concurrent approvals publish exactly one approved event", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group, min: 1 }] });
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    const approvers = await Promise.all(Array.from({ length: 20 }, () => makeUser({ groups: [group] })));
    await settled(approvers.map((a) => approveRequest(as(a), req.id)));
    const jobs = await db().outboxJob.findMany({ where: { requestId: req.id } });
    expect(jobs.filter((j) => (j.payload as { type: string }).type === "request.approved")).toHaveLength(1);
  });

  it("two dispatchers at once run every job exactly once", async () => {
    const kind = unique("test.parallel");
    await inTransaction((tx) => enqueueJobs(tx, Array.from({ length: 40 }, (_, i) => ({ kind, payload: { i }, dedupeKey: `${kind}:${i}` }))));
    const runs = new Map<number, number>();
    const handlers = {
      [kind]: async (job: { payload: { i?: unknown } }) => {
        const i = Number(job.payload.i);
        runs.set(i, (runs.get(i) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 5));
      },
    };
    const drain = async () => {
      while ((await dispatchJobs({ kinds: [kind], handlers, limit: 5 })).claimed > 0);
    };
    await Promise.all([drain(), drain()]);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(await db().outboxJob.count({ where: { kind, status: "DONE" } })).toBe(40);
  });
});
