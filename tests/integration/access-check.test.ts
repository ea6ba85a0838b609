/**
 * GET /api/v1/connections/{name}/access with a personal API token: the token, its user and
 * groups, the connection and the live grant are read in one statement. Every way to be
 * denied, with the same answer the session path (checkAccess) gives, and the token's
 * last-used time kept.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { revokeGrant } from "@/lib/access/revoke-grant";
import { releaseGrant } from "@/lib/access/release-grant";
import { extendGrant } from "@/lib/access/extend-grant";
import { checkAccess } from "@/lib/access/check-access";
import { ADMIN_GROUP } from "@/lib/permissions";
import { encode } from "next-auth/jwt";
import { call } from "./api-client";
import { as, makeConnection, makeGroup, makeUser, tokenFor } from "./factories";

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);
const access = (conn: string, token: string | undefined, query = "") =>
  call("GET", `/api/v1/connections/${encodeURIComponent(conn)}/access${query}`, token ? { token } : {});

/** The cookie of a signed-in browser (Auth.js JWT session; the plain-HTTP name, with the x-forwarded-proto Next.js sets). */
async function sessionCookie(userId: string): Promise<string> {
  const name = "authjs.session-token";
  return `${name}=${await encode({ token: { sub: userId }, secret: process.env.AUTH_SECRET!, salt: name })}`;
}

/** A requester with a token, a connection approved by one group, and an approver in it. */
async function setup() {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }], autoApproveAdmins: false });
  const requester = await makeUser();
  const approver = await makeUser({ groups: [group] });
  return { group, conn, requester, approver, token: await tokenFor(requester) };
}

async function grant(s: Awaited<ReturnType<typeof setup>>, opts: { at?: Date; duration?: string; startsAt?: Date } = {}) {
  const at = opts.at ?? new Date();
  const req = await createRequest(as(s.requester, at), {
    connection: s.conn.name,
    duration: opts.duration ?? "1h",
    ...(opts.startsAt ? { startsAt: opts.startsAt.toISOString() } : {}),
  });
  return approveRequest(as(s.approver, at), req.id);
}

describe("access check with a token", () => {
  it("allows a live grant, naming it and its expiry, as the session path does", async () => {
    const s = await setup();
    const approved = await grant(s);
    const res = await access(s.conn.name, s.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ allowed: true, requestId: approved.id, expiresAt: approved.expiresAt });
    expect(await checkAccess(s.requester, s.conn.name)).toEqual(res.body);
  });

  it("picks the grant that lasts longest when two are live", async () => {
    const s = await setup();
    await grant(s, { duration: "1h" });
    const other = await makeConnection({ groups: [{ group: s.group }], autoApproveAdmins: false });
    // A grant elsewhere never counts for this connection.
    const elsewhere = await createRequest(as(s.requester), { connection: other.name, duration: "8h" });
    await approveRequest(as(s.approver), elsewhere.id);
    const longer = await grant(s, { duration: "3h" });
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: true, requestId: longer.id, expiresAt: longer.expiresAt });
  });

  it("denies with allowed: false without a grant, with a pending or rejected request, and once the grant has lapsed", async () => {
    const s = await setup();
    expect(await access(s.conn.name, s.token)).toEqual({ status: 200, body: { allowed: false } });
    const pending = await createRequest(as(s.requester), { connection: s.conn.name });
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: false });
    await call("POST", `/api/v1/access-requests/${pending.id}/reject`, { token: await tokenFor(s.approver), body: { reason: "no" } });
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: false });
    // Approved two hours ago for one minute: still APPROVED (no sweep has run), and denied.
    const lapsed = await grant(s, { at: minutes(-120), duration: "1m" });
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: lapsed.id } })).status).toBe("APPROVED");
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: false });
    expect(await checkAccess(s.requester, s.conn.name)).toEqual({ allowed: false });
  });

  it("denies a scheduled grant until its start, then allows it", async () => {
    const s = await setup();
    const scheduled = await grant(s, { startsAt: minutes(60) });
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: false });
    // Move the window so that it has opened.
    const opened = { startsAt: minutes(-1), expiresAt: minutes(59) };
    await db().accessRequest.update({ where: { id: scheduled.id }, data: opened });
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: true, requestId: scheduled.id, expiresAt: opened.expiresAt.toISOString() });
  });

  it("denies at once after a revoke or a release", async () => {
    const s = await setup();
    const revoked = await grant(s);
    expect((await access(s.conn.name, s.token)).body).toMatchObject({ allowed: true });
    await revokeGrant(as(await makeUser({ admin: true })), revoked.id, { reason: "done" });
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: false });
    const released = await grant(s);
    expect((await access(s.conn.name, s.token)).body).toMatchObject({ allowed: true, requestId: released.id });
    await releaseGrant(as(s.requester), released.id);
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: false });
  });

  it("never counts an extension request as a grant of its own", async () => {
    const s = await setup();
    const live = await grant(s, { duration: "1h" });
    const ext = await extendGrant(as(s.requester), live.id, { duration: "1h" });
    await approveRequest(as(s.approver), ext.id);
    const res = await access(s.conn.name, s.token);
    expect(res.body).toMatchObject({ allowed: true, requestId: live.id });
    await revokeGrant(as(await makeUser({ admin: true })), live.id, { reason: "over" });
    expect((await access(s.conn.name, s.token)).body).toEqual({ allowed: false });
  });

  it("answers 404 for an unknown connection, with or without a grant elsewhere", async () => {
    const s = await setup();
    await grant(s);
    const res = await access("no-such-connection", s.token);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "not_found", message: 'Unknown connection "no-such-connection".' });
  });

  it("answers 401 for an unknown, revoked, malformed or orphaned token before looking at the connection", async () => {
    const s = await setup();
    await grant(s);
    const unauthenticated = { code: "unauthenticated", message: "The API token is missing, malformed, unknown or revoked." };
    for (const conn of [s.conn.name, "no-such-connection"]) {
      expect(await access(conn, "tbx_not-a-real-token-at-all")).toEqual({ status: 401, body: { error: unauthenticated } });
      expect(await access(conn, "short")).toEqual({ status: 401, body: { error: unauthenticated } });
      expect(await access(conn, "x".repeat(201))).toEqual({ status: 401, body: { error: unauthenticated } });
      for (const authorization of ["Basic abc", "Bearer", "Bearer a b"]) {
        const res = await call("GET", `/api/v1/connections/${conn}/access`, { headers: { authorization } });
        expect(res).toEqual({ status: 401, body: { error: unauthenticated } });
      }
    }
    // No header and no session: 401 too.
    expect((await access(s.conn.name, undefined)).status).toBe(401);

    const tokens = await call("GET", "/api/v1/tokens", { token: s.token });
    const id = (tokens.body.items as { id: string }[])[0]!.id;
    expect((await call("DELETE", `/api/v1/tokens/${id}`, { token: s.token })).status).toBe(200);
    expect(await access(s.conn.name, s.token)).toEqual({ status: 401, body: { error: unauthenticated } });

    // A deleted user's tokens go with them.
    const gone = await makeUser();
    const goneToken = await tokenFor(gone);
    expect((await access(s.conn.name, goneToken)).status).toBe(200);
    await db().user.delete({ where: { id: gone.id } });
    expect(await access(s.conn.name, goneToken)).toEqual({ status: 401, body: { error: unauthenticated } });
  });

  it("lets only admins ask about another user, 403 before 404, reading the admin role on every call", async () => {
    const s = await setup();
    const approved = await grant(s);
    const email = encodeURIComponent(s.requester.email);
    // Oneself by email: the ordinary check.
    expect((await access(s.conn.name, s.token, `?user=${email}`)).body).toEqual({ allowed: true, requestId: approved.id, expiresAt: approved.expiresAt });

    const other = await tokenFor(s.approver);
    for (const [conn, query] of [
      [s.conn.name, `?user=${email}`],
      ["no-such-connection", `?user=${email}`],
      [s.conn.name, "?user=nobody%40test.example"],
      [s.conn.name, "?user="],
    ] as const) {
      const res = await access(conn, other, query);
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({ code: "forbidden", message: "Only admins can check another user's access." });
    }
    // Their own access through the approver's token is unaffected.
    expect((await access(s.conn.name, other)).body).toEqual({ allowed: false });

    const adminUser = await makeUser({ admin: true });
    const admin = await tokenFor(adminUser);
    expect((await access(s.conn.name, admin, `?user=${email}`)).body).toEqual({ allowed: true, requestId: approved.id, expiresAt: approved.expiresAt });
    expect((await access(s.conn.name, admin, `?user=${encodeURIComponent(s.approver.email)}`)).body).toEqual({ allowed: false });
    const unknownUser = await access(s.conn.name, admin, "?user=nobody%40test.example");
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.body.error).toEqual({ code: "not_found", message: 'Unknown user "nobody@test.example".' });
    const unknownConn = await access("no-such-connection", admin, `?user=${email}`);
    expect(unknownConn.status).toBe(404);
    expect(unknownConn.body.error?.message).toBe('Unknown connection "no-such-connection".');

    const adminGroup = await db().group.findUniqueOrThrow({ where: { name: ADMIN_GROUP } });
    await db().groupMember.delete({ where: { groupId_userId: { groupId: adminGroup.id, userId: adminUser.id } } });
    expect((await access(s.conn.name, admin, `?user=${email}`)).status).toBe(403);
  });

  it("records the token's use, at most once a minute", async () => {
    const s = await setup();
    const lastUsed = async () => (await db().apiToken.findFirstOrThrow({ where: { userId: s.requester.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    await access(s.conn.name, s.token);
    const first = await lastUsed();
    expect(first!.getTime()).toBeGreaterThanOrEqual(before - 1);
    await access(s.conn.name, s.token);
    await access("no-such-connection", s.token);
    expect(await lastUsed()).toEqual(first);

    // Over a minute ago: recorded again, also by a call that ends in 404.
    await db().apiToken.updateMany({ where: { userId: s.requester.id }, data: { lastUsedAt: minutes(-2) } });
    await access("no-such-connection", s.token);
    expect((await lastUsed())!.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it("gives a browser session the same answers, and a bad token never falls back to it", async () => {
    const s = await setup();
    const cookie = await sessionCookie(s.requester.id);
    const viaSession = (conn: string, query = "", headers: Record<string, string> = {}) =>
      call("GET", `/api/v1/connections/${encodeURIComponent(conn)}/access${query}`, { headers: { host: "localhost", "x-forwarded-proto": "http", cookie, ...headers } });
    expect(await viaSession(s.conn.name)).toEqual({ status: 200, body: { allowed: false } });
    const approved = await grant(s);
    expect(await viaSession(s.conn.name)).toEqual({ status: 200, body: { allowed: true, requestId: approved.id, expiresAt: approved.expiresAt } });
    expect(await viaSession(s.conn.name)).toEqual(await access(s.conn.name, s.token));
    expect((await viaSession("no-such-connection")).status).toBe(404);
    expect((await viaSession(s.conn.name, `?user=${encodeURIComponent(s.approver.email)}`)).status).toBe(403);
    expect((await viaSession(s.conn.name, "", { authorization: "Bearer tbx_not-a-real-token-at-all" })).status).toBe(401);
    expect((await viaSession(s.conn.name, "", { authorization: "Basic abc" })).status).toBe(401);
  });
});
