/**
 * The domain capabilities the web dashboard needs on top of the lifecycle: what a viewer may
 * do to a request, who a pending request waits on, the review count, the audit log and
 * one-at-a-time group membership changes. Driven through the real route handlers.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { getRequestDetail } from "@/lib/access/request-detail";
import { countReviewable } from "@/lib/access/count-reviewable";
import { listReviews } from "@/lib/access/list-reviews";
import { listEvents } from "@/lib/audit/list-events";
import { ADMIN_GROUP } from "@/lib/permissions";
import { call } from "./api-client";
import { as, failure, makeConnection, makeGroup, makeUser, tokenFor } from "./factories";

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

async function twoGroups() {
  const dba = await makeGroup();
  const sec = await makeGroup();
  const conn = await makeConnection({ groups: [{ group: dba }, { group: sec }], autoApproveAdmins: false });
  const requester = await makeUser({ name: "requester-" + dba.name });
  const bob = await makeUser({ groups: [dba] });
  const erin = await makeUser({ groups: [dba] });
  const carol = await makeUser({ groups: [sec] });
  const admin = await makeUser({ admin: true });
  const outsider = await makeUser({ groups: [await makeGroup()] });
  return { dba, sec, conn, requester, bob, erin, carol, admin, outsider };
}

describe("allowed actions", () => {
  it("offers each viewer exactly the actions the domain would accept", async () => {
    const w = await twoGroups();
    const req = await createRequest(as(w.requester), { connection: w.conn.name, duration: "2h" });

    const forRequester = await getRequestDetail(w.requester, req.id);
    expect(forRequester.allowedActions).toEqual({ canApprove: false, canReject: false, canRevoke: false, canForceApprove: false, approvedByViewer: false });

    const forBob = await getRequestDetail(w.bob, req.id);
    expect(forBob.allowedActions).toMatchObject({ canApprove: true, canReject: true, canRevoke: false, canForceApprove: false });

    // An admin outside the groups rejects or forces, but a plain approve would be refused.
    const forAdmin = await getRequestDetail(w.admin, req.id);
    expect(forAdmin.allowedActions).toMatchObject({ canApprove: false, canReject: true, canRevoke: false, canForceApprove: true });

    await failure(getRequestDetail(w.outsider, req.id), "not_found");

    await approveRequest(as(w.bob), req.id, { comment: "looks fine" });
    const afterBob = await getRequestDetail(w.bob, req.id);
    expect(afterBob.status).toBe("PENDING");
    expect(afterBob.allowedActions).toMatchObject({ canApprove: false, canReject: true, approvedByViewer: true });

    await approveRequest(as(w.carol), req.id);
    const approved = await getRequestDetail(w.admin, req.id);
    expect(approved.status).toBe("APPROVED");
    expect(approved.allowedActions).toEqual({ canApprove: false, canReject: false, canRevoke: true, canForceApprove: false, approvedByViewer: false });
    expect((await getRequestDetail(w.carol, req.id)).allowedActions.canRevoke).toBe(false);
    // The timeline's actors come with their names.
    expect(approved.people).toMatchObject({ [w.requester.email]: w.requester.name, [w.bob.email]: w.bob.name, [w.carol.email]: w.carol.name });

    // Past its expiry a grant has ended by itself: nothing left to revoke.
    const later = await getRequestDetail(w.admin, req.id, minutes(121));
    expect(later.active).toBe(false);
    expect(later.allowedActions.canRevoke).toBe(false);
  });

  it("is part of GET /api/v1/access-requests/{id}, with the timeline", async () => {
    const w = await twoGroups();
    const req = await createRequest(as(w.requester), { connection: w.conn.name });
    const res = await call("GET", `/api/v1/access-requests/${req.id}`, { token: await tokenFor(w.carol) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: req.id, status: "PENDING", allowedActions: { canApprove: true, canReject: true } });
    expect((res.body.events as { action: string }[]).map((e) => e.action)).toEqual(["request.created"]);
  });
});

describe("waiting on", () => {
  it("names the members who can still approve, per group short of approvals, without the requester or past approvers", async () => {
    const w = await twoGroups();
    // The requester is in dba-team too: they still cannot approve their own request.
    await db().groupMember.create({ data: { groupId: w.dba.id, userId: w.requester.id } });
    const req = await createRequest(as(w.requester), { connection: w.conn.name });

    const before = await getRequestDetail(w.requester, req.id);
    const byGroup = Object.fromEntries(before.waitingOn.map((g) => [g.group, g]));
    expect(byGroup[w.dba.name]).toMatchObject({ needed: 1, more: 0 });
    expect(byGroup[w.dba.name]!.members.map((m) => m.email).sort()).toEqual([w.bob.email, w.erin.email].sort());
    expect(byGroup[w.sec.name]!.members.map((m) => m.email)).toEqual([w.carol.email]);

    await approveRequest(as(w.bob), req.id);
    const after = await getRequestDetail(w.requester, req.id);
    expect(after.waitingOn.map((g) => g.group)).toEqual([w.sec.name]);

    await rejectRequest(as(w.carol), req.id, { reason: "not today" });
    expect((await getRequestDetail(w.requester, req.id)).waitingOn).toEqual([]);
  });
});

describe("review count", () => {
  it("counts what the caller can act on now, and /api/v1/me reports it", async () => {
    const w = await twoGroups();
    expect(await countReviewable(w.bob)).toBe(0);
    const first = await createRequest(as(w.requester), { connection: w.conn.name });
    const other = await makeConnection({ groups: [{ group: w.dba }] });
    await createRequest(as(await makeUser()), { connection: other.name });
    expect(await countReviewable(w.bob)).toBe(2);
    expect(await countReviewable(w.outsider)).toBe(0);

    await approveRequest(as(w.bob), first.id);
    const me = await call("GET", "/api/v1/me", { token: await tokenFor(w.bob) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: w.bob.email, isAdmin: false, groups: [w.dba.name], reviewableCount: 1 });
    expect((await call("GET", "/api/v1/me")).status).toBe(401);
  });
});

describe("review lists", () => {
  it("serves the queue oldest first and the decided tab newest first, each item with what the caller may do", async () => {
    const w = await twoGroups();
    const t0 = new Date(Date.now() - 3 * 3600_000);
    const older = await createRequest(as(w.requester, t0), { connection: w.conn.name, reason: "older" });
    const other = await makeConnection({ groups: [{ group: w.dba }] });
    const newer = await createRequest(as(await makeUser(), minutes(30, t0)), { connection: other.name, reason: "newer" });

    const queue = await call("GET", "/api/v1/reviews?tab=queue", { token: await tokenFor(w.bob) });
    expect(queue.status).toBe(200);
    const items = queue.body.items as { id: string; allowedActions: { canApprove: boolean; canReject: boolean } }[];
    expect(items.map((i) => i.id)).toEqual([older.id, newer.id]);
    expect(items.every((i) => i.allowedActions.canApprove && i.allowedActions.canReject)).toBe(true);

    // An admin sees every pending request, but may only force approve where they are in no group.
    const forAdmin = await listReviews(w.admin, { tab: "queue", limit: 100 });
    const adminItem = forAdmin.items.find((i) => i.id === older.id)!;
    expect(adminItem.allowedActions).toMatchObject({ canApprove: false, canReject: true, canForceApprove: true });

    await approveRequest(as(w.bob), older.id);
    await rejectRequest(as(w.bob), newer.id, { reason: "no" });
    expect((await listReviews(w.bob, { tab: "queue" })).items.map((i) => i.id)).not.toContain(older.id);
    const decided = await listReviews(w.bob, { tab: "decided" });
    expect(decided.items.map((i) => [i.id, i.status])).toEqual([
      [newer.id, "REJECTED"],
      [older.id, "PENDING"],
    ]);
    expect(decided.items[1]!.allowedActions).toMatchObject({ approvedByViewer: true, canApprove: false, canReject: true });
  });

  it("pages the queue with a cursor and refuses a bad tab", async () => {
    const w = await twoGroups();
    const base = new Date(Date.now() - 3600_000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const conn = await makeConnection({ groups: [{ group: w.dba }] });
      ids.push((await createRequest(as(w.requester, minutes(i, base)), { connection: conn.name })).id);
    }
    const first = await listReviews(w.erin, { tab: "queue", limit: 2 });
    const second = await listReviews(w.erin, { tab: "queue", limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.id).filter((id) => ids.includes(id))).toEqual(ids);
    expect((await call("GET", "/api/v1/reviews?tab=everything", { token: await tokenFor(w.erin) })).status).toBe(400);
    expect((await call("GET", "/api/v1/reviews")).status).toBe(401);
  });
});

describe("audit log", () => {
  it("shows admins every event, with where it came from, filtered exactly", async () => {
    const w = await twoGroups();
    const req = await createRequest(as(w.requester), { connection: w.conn.name, reason: "incident 42" });
    await approveRequest(as(w.bob), req.id);
    const token = await tokenFor(w.admin);

    const byRequest = await call("GET", `/api/v1/audit?request=${req.id}`, { token });
    expect(byRequest.status).toBe(200);
    const items = byRequest.body.items as { action: string; actor: string; connection: string; ip?: string }[];
    expect(items.map((e) => e.action)).toEqual(["request.approval_added", "request.created"]);
    expect(items[1]).toMatchObject({ actor: w.requester.email, connection: w.conn.name, ip: "203.0.113.7" });

    const byActor = await call("GET", `/api/v1/audit?actor=${encodeURIComponent(w.bob.email.toUpperCase())}`, { token });
    expect((byActor.body.items as { action: string }[]).map((e) => e.action)).toEqual(["request.approval_added"]);

    const byConnection = await call("GET", `/api/v1/audit?connection=${w.conn.name}&action=request.created`, { token });
    expect((byConnection.body.items as { requestId: string }[]).map((e) => e.requestId)).toEqual([req.id]);

    const unknown = await call("GET", `/api/v1/audit?actor=nobody@nowhere.example`, { token });
    expect(unknown.body).toEqual({ items: [], nextCursor: null });
  });

  it("shows everyone else only the events of their own requests, without addresses", async () => {
    const w = await twoGroups();
    const mine = await createRequest(as(w.requester), { connection: w.conn.name });
    const theirs = await createRequest(as(w.outsider), { connection: w.conn.name });
    await approveRequest(as(w.bob), mine.id);

    const forRequester = await listEvents(w.requester, { limit: 100 });
    expect(new Set(forRequester.items.map((e) => e.requestId))).toEqual(new Set([mine.id]));
    expect(forRequester.items.map((e) => e.action)).toEqual(["request.approval_added", "request.created"]);
    expect(forRequester.items[0]).not.toHaveProperty("ip");

    // An approver does not see the audit trail of requests they are not the requester of.
    const forBob = await listEvents(w.bob, { request: theirs.id });
    expect(forBob.items).toEqual([]);
  });

  it("pages newest first by event id without gaps or repeats", async () => {
    const w = await twoGroups();
    const req = await createRequest(as(w.requester), { connection: w.conn.name });
    await approveRequest(as(w.bob), req.id);
    await approveRequest(as(w.carol), req.id);
    const all = await listEvents(w.admin, { request: req.id });
    expect(all.items.map((e) => e.action)).toEqual(["request.approved", "request.approval_added", "request.approval_added", "request.created"]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents(w.admin, { request: req.id, limit: 1, cursor });
      expect(page.items).toHaveLength(1);
      seen.push(page.items[0]!.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
  });

  it("refuses a malformed cursor or limit with 400", async () => {
    const token = await tokenFor(await makeUser());
    for (const query of ["cursor=abc", "cursor=-1", "limit=0", "limit=1000", "limit=x"]) {
      const res = await call("GET", `/api/v1/audit?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(res.body.error?.code).toBe("invalid_input");
    }
    expect((await call("GET", "/api/v1/audit")).status).toBe(401);
  });
});

describe("group membership, one at a time", () => {
  it("adds and removes a member idempotently, auditing each change once", async () => {
    const admin = await makeUser({ admin: true });
    const group = await makeGroup();
    const user = await makeUser();
    const token = await tokenFor(admin);
    const path = `/api/v1/groups/${group.name}/members`;

    const added = await call("POST", path, { token, body: { email: user.email.toUpperCase() } });
    expect(added.status).toBe(200);
    expect((added.body.members as { email: string }[]).map((m) => m.email)).toEqual([user.email]);
    expect((await call("POST", path, { token, body: { email: user.email } })).status).toBe(200);

    const removed = await call("DELETE", `${path}/${encodeURIComponent(user.email)}`, { token });
    expect(removed.status).toBe(200);
    expect(removed.body.members).toEqual([]);
    expect((await call("DELETE", `${path}/${encodeURIComponent(user.email)}`, { token })).status).toBe(200);

    const events = await db().auditEvent.findMany({ where: { targetId: group.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, (e.data as { email: string }).email])).toEqual([
      ["group.member_added", user.email],
      ["group.member_removed", user.email],
    ]);
  });

  it("refuses non-admins, unknown groups and users, and bad emails, changing nothing", async () => {
    const group = await makeGroup();
    const user = await makeUser();
    const admin = await tokenFor(await makeUser({ admin: true }));
    const path = `/api/v1/groups/${group.name}/members`;
    expect((await call("POST", path, { token: await tokenFor(user), body: { email: user.email } })).status).toBe(403);
    expect((await call("DELETE", `${path}/${encodeURIComponent(user.email)}`, { token: await tokenFor(user) })).status).toBe(403);
    expect((await call("POST", path, { body: { email: user.email } })).status).toBe(401);
    expect((await call("POST", "/api/v1/groups/no-such-group/members", { token: admin, body: { email: user.email } })).status).toBe(404);
    expect((await call("POST", path, { token: admin, body: { email: "nobody@nowhere.example" } })).status).toBe(404);
    expect((await call("POST", path, { token: admin, body: { email: "not-an-email" } })).status).toBe(400);
    expect((await call("POST", path, { token: admin, body: {} })).status).toBe(400);
    expect((await call("DELETE", `${path}/not-an-email`, { token: admin })).status).toBe(400);
    expect(await db().groupMember.count({ where: { groupId: group.id } })).toBe(0);
  });

  it("makes a user admin through the admin group, which takes effect on their next call", async () => {
    const admin = await makeUser({ admin: true });
    const user = await makeUser();
    const token = await tokenFor(user);
    expect((await call("GET", "/api/v1/users", { token })).status).toBe(403);
    await call("POST", `/api/v1/groups/${ADMIN_GROUP}/members`, { token: await tokenFor(admin), body: { email: user.email } });
    expect((await call("GET", "/api/v1/users", { token })).status).toBe(200);
    await call("DELETE", `/api/v1/groups/${ADMIN_GROUP}/members/${encodeURIComponent(user.email)}`, { token: await tokenFor(admin) });
    expect((await call("GET", "/api/v1/users", { token })).status).toBe(403);
  });
});
