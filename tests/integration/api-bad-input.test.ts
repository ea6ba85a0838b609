import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { call, type ApiResult } from "./api-client";
import { as, makeConnection, makeGroup, makeUser, tokenFor } from "./factories";

async function world() {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }], maxSeconds: 8 * 3600 });
  const requester = await makeUser();
  const admin = await makeUser({ admin: true, groups: [group] });
  const pending = await createRequest(as(requester), { connection: conn.name });
  return { group, conn, requester, admin, pending, adminToken: await tokenFor(admin), requesterToken: await tokenFor(requester) };
}

/** Everything a rejected call could have changed, seen from this world. */
async function snapshot(w: Awaited<ReturnType<typeof world>>) {
  const [events, requests, connection, users, groups] = await Promise.all([
    db().auditEvent.count({ where: { actorId: { in: [w.admin.id, w.requester.id] } } }),
    db().accessRequest.findMany({ where: { requesterId: w.requester.id }, select: { id: true, status: true } }),
    db().connection.findUniqueOrThrow({ where: { id: w.conn.id }, include: { approvalGroups: true } }),
    db().user.count(),
    db().group.count(),
  ]);
  return { events, requests, connection: { ...connection, updatedAt: null }, users, groups };
}

function expectClientError(res: ApiResult) {
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.body.error?.code).toEqual(expect.any(String));
  expect(res.body.error?.message?.length).toBeGreaterThan(0);
}

describe("bad input gets a clear 4xx and changes nothing", () => {
  it.each([
    ["-5h", /not a duration/],
    ["0m", /at least 1 minute/],
    ["2x", /30m/],
    ["1e9h", /30m/],
    ["9h", /maximum of 8h/],
  ])("duration %j", async (duration, message) => {
    const w = await world();
    const other = await makeConnection({ groups: [{ group: w.group }], maxSeconds: 8 * 3600 });
    const before = await snapshot(w);
    const res = await call("POST", "/api/v1/access-requests", { token: w.requesterToken, body: { connection: other.name, duration } });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(message);
    expect(await snapshot(w)).toEqual(before);
  });

  it("an unknown connection is 404 with its name", async () => {
    const w = await world();
    const res = await call("POST", "/api/v1/access-requests", { token: w.requesterToken, body: { connection: "nope-db" } });
    expect(res).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(res.body.error?.message).toContain("nope-db");
  });

  it("a 2 MB body is 413, whether or not it declares its length", async () => {
    const w = await world();
    const before = await snapshot(w);
    const huge = JSON.stringify({ connection: w.conn.name, reason: "x".repeat(2 * 1024 * 1024) });
    const declared = await call("POST", "/api/v1/access-requests", { token: w.requesterToken, rawBody: huge, headers: { "content-type": "application/json", "content-length": String(huge.length) } });
    expect(declared.status).toBe(413);
    const undeclared = await call("POST", "/api/v1/access-requests", { token: w.requesterToken, rawBody: huge, headers: { "content-type": "application/json" } });
    expect(undeclared.status).toBe(413);
    expect(undeclared.body.error?.message).toContain("64 KB");
    expect(await snapshot(w)).toEqual(before);
  });

  it.each([
    ["{not json", "application/json", 400],
    ["[1,2,3]", "application/json", 400],
    ["null", "application/json", 400],
    ['"2h"', "application/json", 400],
    ["connection=prod", "application/x-www-form-urlencoded", 415],
  ])("body %j (%s) is %i", async (rawBody, type, status) => {
    const w = await world();
    const before = await snapshot(w);
    const res = await call("POST", "/api/v1/access-requests", { token: w.requesterToken, rawBody, headers: { "content-type": type } });
    expect(res.status).toBe(status);
    expectClientError(res);
    expect(await snapshot(w)).toEqual(before);
  });

  it.each([
    ["a reason", (conn: string) => `{"connection":${JSON.stringify(conn)},"duration":"30m","reason":"broken \\ud800 text"}`],
    ["the connection name", () => `{"connection":"prod\\udfff"}`],
    ["a key", (conn: string) => `{"connection":${JSON.stringify(conn)},"\\ud83d":1}`],
  ])("a lone UTF-16 surrogate in %s is 400, says so, and changes nothing", async (_where, body) => {
    const w = await world();
    const other = await makeConnection({ groups: [{ group: w.group }] });
    const before = await snapshot(w);
    const res = await call("POST", "/api/v1/access-requests", { token: w.requesterToken, rawBody: body(other.name), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "invalid_input", message: expect.stringMatching(/lone UTF-16 surrogate/) });
    expect(await snapshot(w)).toEqual(before);
  });

  it("a surrogate pair written as escapes is text like any other", async () => {
    const w = await world();
    const other = await makeConnection({ groups: [{ group: w.group }] });
    const body = `{"connection":${JSON.stringify(other.name)},"duration":"30m","reason":"on fire \\ud83d\\udd25"}`;
    const res = await call("POST", "/api/v1/access-requests", { token: w.requesterToken, rawBody: body, headers: { "content-type": "application/json" } });
    expect(res.status).toBe(201);
    expect(res.body.reason).toBe("on fire 🔥");
  });

  it.each([
    ["status=DONE", /status must be one of/],
    ["limit=0", /limit/],
    ["limit=1000", /limit/],
    ["limit=abc", /limit/],
    ["cursor=garbage", /cursor/],
  ])("list query %s is 400", async (query, message) => {
    const w = await world();
    const res = await call("GET", `/api/v1/access-requests?${query}`, { token: w.requesterToken });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(message);
  });

  it("settings that contradict each other are refused: a default above the maximum", async () => {
    const w = await world();
    const before = await snapshot(w);
    const res = await call("PATCH", `/api/v1/connections/${w.conn.name}`, { token: w.adminToken, body: { maxDuration: "2h", defaultDuration: "4h" } });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain("cannot be above the maximum");
    expect(await snapshot(w)).toEqual(before);
  });

  it("unknown groups and unknown users are refused by name", async () => {
    const w = await world();
    const patch = await call("PATCH", `/api/v1/connections/${w.conn.name}`, { token: w.adminToken, body: { approvalGroups: ["ghosts"] } });
    expect(patch.body.error?.message).toContain("ghosts");
    const members = await call("PUT", `/api/v1/groups/${w.group.name}/members`, { token: w.adminToken, body: { emails: ["ghost@nowhere.example"] } });
    expect(members.status).toBe(400);
    expect(members.body.error?.message).toContain("ghost@nowhere.example");
  });

  // Random and hostile JSON against every endpoint that takes a body: never a 5xx,
  // and whatever is refused leaves the database as it was.
  const hostileString = fc.oneof(
    fc.string(),
    fc.constantFrom("'; DROP TABLE users; --", "<img src=x onerror=alert(1)>", "\u0000", "\ud800", "a\udfffb", "😀".repeat(50), "x".repeat(5000), "-5h", "1e9h"),
  );
  const hostileValue = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }));
  const hostileBody = fc.oneof(
    fc.dictionary(fc.constantFrom("connection", "duration", "reason", "comment", "name", "email", "emails", "type", "approvalGroups", "minApprovals", "maxDuration", "defaultDuration", "autoApproveAdmins"), hostileValue, { maxKeys: 5 }),
    hostileValue,
  );

  const endpoints: [string, (w: Awaited<ReturnType<typeof world>>) => [Parameters<typeof call>[0], string]][] = [
    ["create request", () => ["POST", "/api/v1/access-requests"]],
    ["approve", (w) => ["POST", `/api/v1/access-requests/${w.pending.id}/approve`]],
    ["reject", (w) => ["POST", `/api/v1/access-requests/${w.pending.id}/reject`]],
    ["revoke", (w) => ["POST", `/api/v1/access-requests/${w.pending.id}/revoke`]],
    ["force approve", (w) => ["POST", `/api/v1/access-requests/${w.pending.id}/force-approve`]],
    ["create connection", () => ["POST", "/api/v1/connections"]],
    ["update connection", (w) => ["PATCH", `/api/v1/connections/${w.conn.name}`]],
    ["create user", () => ["POST", "/api/v1/users"]],
    ["create group", () => ["POST", "/api/v1/groups"]],
    ["set members", (w) => ["PUT", `/api/v1/groups/${w.group.name}/members`]],
    ["create token", () => ["POST", "/api/v1/tokens"]],
  ];

  it.each(endpoints)("fuzz: %s never answers 5xx and refused input changes nothing", async (_name, target) => {
    const w = await world();
    await fc.assert(
      fc.asyncProperty(hostileBody, async (body) => {
        const [method, path] = target(w);
        const before = await snapshot(w);
        const res = await call(method, path, { token: w.adminToken, rawBody: JSON.stringify(body), headers: { "content-type": "application/json" } });
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        if (res.status >= 400) {
          expectClientError(res);
          expect(await snapshot(w)).toEqual(before);
        }
      }),
      { numRuns: 25 },
    );
  });
});
