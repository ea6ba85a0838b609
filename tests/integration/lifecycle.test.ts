import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { revokeGrant } from "@/lib/access/revoke-grant";
import { forceApproveRequest } from "@/lib/access/force-approve-request";
import { getRequest } from "@/lib/access/get-request";
import { checkAccess } from "@/lib/access/check-access";
import { expireGrants } from "@/lib/access/expire-grants";
import { updateConnection } from "@/lib/admin/update-connection";
import { as, eventsOf, failure, makeConnection, makeGroup, makeUser } from "./factories";

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

async function twoGroupSetup(dbaMin = 1) {
  const dba = await makeGroup();
  const sec = await makeGroup();
  const conn = await makeConnection({ groups: [{ group: dba, min: dbaMin }, { group: sec }] });
  const requester = await makeUser();
  return { dba, sec, conn, requester };
}

describe("requesting access", () => {
  it("opens a PENDING request with the requested duration and a created event", async () => {
    const { conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name, duration: "2h", reason: "debug orders" });
    expect(req).toMatchObject({ status: "PENDING", duration: "2h", durationSeconds: 7200, reason: "debug orders", expiresAt: null });
    expect(req.groups.map((g) => g.satisfied)).toEqual([false, false]);
    const events = await eventsOf(req.id);
    expect(events.map((e) => e.action)).toEqual(["request.created"]);
    expect(events[0]).toMatchObject({ actorId: requester.id, ip: "203.0.113.7", userAgent: "vitest" });
  });

  it("uses the connection's default duration when none is given", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }], defaultSeconds: 1800 });
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    expect(req.duration).toBe("30m");
  });

  it("refuses a duration above the maximum, naming the maximum, and writes nothing", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }], maxSeconds: 8 * 3600 });
    const requester = await makeUser();
    const message = await failure(createRequest(as(requester), { connection: conn.name, duration: "9h" }), "invalid_input");
    expect(message).toContain("maximum of 8h");
    expect(await db().accessRequest.count({ where: { requesterId: requester.id } })).toBe(0);
  });

  it.each(["0m", "-1h", "-5h", "2x", "1e9h", ""])("refuses the duration %j with the accepted form", async (duration) => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }] });
    const message = await failure(createRequest(as(await makeUser()), { connection: conn.name, duration }), "invalid_input");
    expect(message).toMatch(/30m|at least 1 minute/);
  });

  it("refuses a duration that is not a string", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }] });
    expect(await failure(createRequest(as(await makeUser()), { connection: conn.name, duration: 120 }), "invalid_input")).toMatch(/duration/);
  });

  it("answers 404 for an unknown connection", async () => {
    expect(await failure(createRequest(as(await makeUser()), { connection: "no-such-connection" }), "not_found")).toContain("no-such-connection");
  });

  it("refuses a second PENDING request for the same connection and points to the first", async () => {
    const { conn, requester } = await twoGroupSetup();
    const first = await createRequest(as(requester), { connection: conn.name, duration: "1h" });
    const error = await createRequest(as(requester), { connection: conn.name, duration: "2h" }).catch((e) => e);
    expect(error).toMatchObject({ code: "conflict", details: { existingRequestId: first.id } });
    expect(await db().accessRequest.count({ where: { requesterId: requester.id } })).toBe(1);
  });

  it("allows a new request once the pending one is decided", async () => {
    const { conn, requester, dba } = await twoGroupSetup();
    const first = await createRequest(as(requester), { connection: conn.name });
    await rejectRequest(as(await makeUser({ groups: [dba] })), first.id, { reason: "not now" });
    const second = await createRequest(as(requester), { connection: conn.name });
    expect(second.status).toBe("PENDING");
  });

  it("auto-approves an admin requester when the connection allows it, and says so", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }] });
    const admin = await makeUser({ admin: true });
    const now = new Date();
    const req = await createRequest(as(admin, now), { connection: conn.name, duration: "30m" });
    expect(req.status).toBe("APPROVED");
    expect(req.autoApproved).toBe(true);
    expect(req.expiresAt).toBe(minutes(30, now).toISOString());
    const approved = (await eventsOf(req.id)).find((e) => e.action === "request.approved");
    expect(approved?.data).toMatchObject({ autoApproved: true });
  });

  it("keeps an admin's request PENDING when auto-approve is off", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }], autoApproveAdmins: false });
    const req = await createRequest(as(await makeUser({ admin: true })), { connection: conn.name });
    expect(req.status).toBe("PENDING");
  });

  it("grants at once on a connection with no approval groups, still time-boxed and audited", async () => {
    const conn = await makeConnection();
    const now = new Date();
    const req = await createRequest(as(await makeUser(), now), { connection: conn.name, duration: "2h" });
    expect(req.status).toBe("APPROVED");
    expect(req.expiresAt).toBe(minutes(120, now).toISOString());
    expect((await eventsOf(req.id)).map((e) => e.action)).toEqual(["request.created", "request.approved"]);
  });
});

describe("approving", () => {
  it("needs every group, with two approvers in a min-2 group", async () => {
    const { dba, sec, conn, requester } = await twoGroupSetup(2);
    const req = await createRequest(as(requester), { connection: conn.name, duration: "2h" });
    const bob = await makeUser({ groups: [dba] });
    const erin = await makeUser({ groups: [dba] });
    const carol = await makeUser({ groups: [sec] });

    expect((await approveRequest(as(bob), req.id, { comment: "looks fine" })).status).toBe("PENDING");
    const afterCarol = await approveRequest(as(carol), req.id);
    expect(afterCarol.status).toBe("PENDING");
    expect(afterCarol.groups.map((g) => [g.approvals.length, g.satisfied])).toEqual(
      [dba, sec].map((g) => g.name).sort().map((name) => (name === dba.name ? [1, false] : [1, true])),
    );
    const approvedAt = new Date();
    const done = await approveRequest(as(erin, approvedAt), req.id);
    expect(done.status).toBe("APPROVED");
    expect(done.expiresAt).toBe(minutes(120, approvedAt).toISOString());
    expect(done.groups.every((g) => g.satisfied)).toBe(true);
    const actions = (await eventsOf(req.id)).map((e) => e.action);
    expect(actions.filter((a) => a === "request.approval_added")).toHaveLength(3);
    expect(actions.filter((a) => a === "request.approved")).toHaveLength(1);
  });

  it("counts one approver toward every group they are in", async () => {
    const { dba, sec, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    const both = await makeUser({ groups: [dba, sec] });
    const done = await approveRequest(as(both), req.id);
    expect(done.status).toBe("APPROVED");
    expect(done.groups.every((g) => g.approvals[0]?.user.email === both.email)).toBe(true);
  });

  it("refuses a non-member with 403 and records nothing", async () => {
    const { conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    const outsider = await makeUser({ groups: [await makeGroup()] });
    expect(await failure(approveRequest(as(outsider), req.id), "forbidden")).toContain("not a member");
    expect(await db().approval.count({ where: { requestId: req.id } })).toBe(0);
  });

  it("refuses self-approval, but lets an admin in the group approve their own request", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }], autoApproveAdmins: false });
    const member = await makeUser({ groups: [group] });
    const own = await createRequest(as(member), { connection: conn.name });
    expect(await failure(approveRequest(as(member), own.id), "forbidden")).toContain("your own request");

    const admin = await makeUser({ groups: [group], admin: true });
    const adminOwn = await createRequest(as(admin), { connection: conn.name });
    expect((await approveRequest(as(admin), adminOwn.id)).status).toBe("APPROVED");
  });

  it("tells an admin outside the groups to use force approve", async () => {
    const { conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    const admin = await makeUser({ admin: true });
    expect(await failure(approveRequest(as(admin), req.id), "forbidden")).toContain("force approve");
  });

  it("is idempotent: the same person approving twice adds no approval and no event", async () => {
    const { dba, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    const bob = await makeUser({ groups: [dba] });
    await approveRequest(as(bob), req.id);
    const again = await approveRequest(as(bob), req.id);
    expect(again.status).toBe("PENDING");
    expect(await db().approval.count({ where: { requestId: req.id } })).toBe(1);
    expect((await eventsOf(req.id)).filter((e) => e.action === "request.approval_added")).toHaveLength(1);
  });

  it("refuses to approve a REJECTED request with 409 naming the status", async () => {
    const { dba, sec, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    await rejectRequest(as(await makeUser({ groups: [sec] })), req.id, { reason: "no ticket" });
    expect(await failure(approveRequest(as(await makeUser({ groups: [dba] })), req.id), "conflict")).toContain("REJECTED");
  });

  it("answers 404 for an unknown request", async () => {
    expect(await failure(approveRequest(as(await makeUser()), "does-not-exist"), "not_found")).toContain("does-not-exist");
  });
});

describe("force approve", () => {
  it("needs a reason, completes every group and is marked forced", async () => {
    const { conn, requester } = await twoGroupSetup(3);
    const req = await createRequest(as(requester), { connection: conn.name });
    const admin = await makeUser({ admin: true });
    expect(await failure(forceApproveRequest(as(admin), req.id, {}), "invalid_input")).toContain("reason is required");
    expect(await failure(forceApproveRequest(as(admin), req.id, { reason: "   " }), "invalid_input")).toContain("reason is required");
    const done = await forceApproveRequest(as(admin), req.id, { reason: "incident INC-42" });
    expect(done).toMatchObject({ status: "APPROVED", forced: true, decisionNote: "incident INC-42" });
    expect(done.groups.every((g) => g.satisfied)).toBe(true);
    const forced = (await eventsOf(req.id)).find((e) => e.action === "request.force_approved");
    expect(forced?.data).toMatchObject({ reason: "incident INC-42" });
  });

  it("is for admins only", async () => {
    const { dba, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    expect(await failure(forceApproveRequest(as(await makeUser({ groups: [dba] })), req.id, { reason: "x" }), "forbidden")).toContain("admins");
  });
});

describe("rejecting", () => {
  it("ends the request after a partial approval, keeping the approval and the reason", async () => {
    const { dba, sec, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    await approveRequest(as(await makeUser({ groups: [dba] })), req.id);
    const rejected = await rejectRequest(as(await makeUser({ groups: [sec] })), req.id, { reason: "no ticket" });
    expect(rejected).toMatchObject({ status: "REJECTED", decisionNote: "no ticket" });
    expect(rejected.groups.find((g) => g.name === dba.name)?.approvals).toHaveLength(1);
    expect((await eventsOf(req.id)).at(-1)?.action).toBe("request.rejected");
  });

  it("refuses a non-member and the requester", async () => {
    const { conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    await failure(rejectRequest(as(await makeUser()), req.id), "forbidden");
    await failure(rejectRequest(as(requester), req.id), "forbidden");
    expect((await getRequest(requester, req.id)).status).toBe("PENDING");
  });
});

describe("revoking", () => {
  it("lets an admin end an active grant with a reason", async () => {
    const { dba, sec, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    await approveRequest(as(await makeUser({ groups: [dba, sec] })), req.id);
    expect((await checkAccess(requester, conn.name)).allowed).toBe(true);
    const admin = await makeUser({ admin: true });
    expect(await failure(revokeGrant(as(admin), req.id, {}), "invalid_input")).toContain("reason");
    const revoked = await revokeGrant(as(admin), req.id, { reason: "done early" });
    expect(revoked).toMatchObject({ status: "REVOKED", endNote: "done early", active: false });
    expect((await checkAccess(requester, conn.name)).allowed).toBe(false);
  });

  it("is for admins only, and refuses a PENDING request with 409", async () => {
    const { dba, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    const admin = await makeUser({ admin: true });
    expect(await failure(revokeGrant(as(admin), req.id, { reason: "x" }), "conflict")).toContain("PENDING");
    expect(await failure(revokeGrant(as(await makeUser({ groups: [dba] })), req.id, { reason: "x" }), "forbidden")).toContain("admins");
  });
});

describe("expiry", () => {
  it("denies at once after expiresAt (lazily), then the sweep marks it EXECUTED exactly once", async () => {
    const conn = await makeConnection();
    const requester = await makeUser();
    const start = new Date();
    const req = await createRequest(as(requester, start), { connection: conn.name, duration: "1m" });
    expect((await checkAccess(requester, conn.name, undefined, minutes(0.5, start))).allowed).toBe(true);

    const later = minutes(1.01, start);
    expect(await checkAccess(requester, conn.name, undefined, later)).toEqual({ allowed: false });
    const beforeSweep = await getRequest(requester, req.id, later);
    expect(beforeSweep).toMatchObject({ status: "APPROVED", active: false });

    const admin = await makeUser({ admin: true });
    expect(await failure(revokeGrant(as(admin, later), req.id, { reason: "late" }), "conflict")).toContain("already expired");

    expect((await expireGrants(later)).expired).toBeGreaterThanOrEqual(1);
    expect((await getRequest(requester, req.id, later)).status).toBe("EXECUTED");
    await expireGrants(later);
    expect((await eventsOf(req.id)).filter((e) => e.action === "request.expired")).toHaveLength(1);
  });

  it("leaves grants that have not expired alone", async () => {
    const conn = await makeConnection();
    const requester = await makeUser();
    const req = await createRequest(as(requester), { connection: conn.name, duration: "2h" });
    await expireGrants(minutes(60));
    expect((await getRequest(requester, req.id)).status).toBe("APPROVED");
  });
});

describe("settings snapshot", () => {
  it("keeps a request's approval rule when the connection changes later", async () => {
    const { dba, sec, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    const admin = await makeUser({ admin: true });
    const other = await makeGroup();
    await updateConnection(as(admin), conn.name, { approvalGroups: [other.name] });

    const bob = await makeUser({ groups: [dba] });
    const carol = await makeUser({ groups: [sec] });
    await failure(approveRequest(as(await makeUser({ groups: [other] })), req.id), "forbidden");
    await approveRequest(as(bob), req.id);
    expect((await approveRequest(as(carol), req.id)).status).toBe("APPROVED");

    const fresh = await createRequest(as(requester), { connection: conn.name });
    expect(fresh.groups.map((g) => g.name)).toEqual([other.name]);
  });
});

describe("visibility", () => {
  it("shows a request to its requester, its approvers and admins, and 404 to anyone else", async () => {
    const { dba, conn, requester } = await twoGroupSetup();
    const req = await createRequest(as(requester), { connection: conn.name });
    await getRequest(requester, req.id);
    await getRequest(await makeUser({ groups: [dba] }), req.id);
    await getRequest(await makeUser({ admin: true }), req.id);
    await failure(getRequest(await makeUser(), req.id), "not_found");
  });
});
