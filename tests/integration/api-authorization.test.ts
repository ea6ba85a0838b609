import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { call } from "./api-client";
import { as, makeConnection, makeGroup, makeUser, tokenFor } from "./factories";

type Role = "anonymous" | "requester" | "nonMember" | "member" | "admin";
const ROLES: Role[] = ["anonymous", "requester", "nonMember", "member", "admin"];

/** A fresh world per cell: one connection approved by one group, one pending and one active request. */
async function world() {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }], autoApproveAdmins: false });
  const actors = {
    requester: await makeUser(),
    nonMember: await makeUser({ groups: [await makeGroup()] }),
    member: await makeUser({ groups: [group] }),
    admin: await makeUser({ admin: true }),
  };
  const tokens: Record<Role, string | undefined> = {
    anonymous: undefined,
    requester: await tokenFor(actors.requester),
    nonMember: await tokenFor(actors.nonMember),
    member: await tokenFor(actors.member),
    admin: await tokenFor(actors.admin),
  };
  const pending = await createRequest(as(actors.requester), { connection: conn.name });
  const activeConn = await makeConnection({ groups: [{ group }] });
  const active = await createRequest(as(actors.requester), { connection: activeConn.name });
  await approveRequest(as(actors.member), active.id);
  return { group, conn, actors, tokens, pending, active };
}

type World = Awaited<ReturnType<typeof world>>;
type Cell = { name: string; run: (w: World, token: string | undefined) => ReturnType<typeof call>; expect: Record<Role, number> };

const all = (n: number): Record<Role, number> => ({ anonymous: 401, requester: n, nonMember: n, member: n, admin: n });
const adminOnly = (n: number): Record<Role, number> => ({ anonymous: 401, requester: 403, nonMember: 403, member: 403, admin: n });

const cells: Cell[] = [
  { name: "POST /access-requests", run: (w, t) => call("POST", "/api/v1/access-requests", { token: t, body: { connection: w.conn.name, duration: "1h" } }), expect: { ...all(201), requester: 409 } },
  { name: "GET /access-requests", run: (_w, t) => call("GET", "/api/v1/access-requests?limit=5", { token: t }), expect: all(200) },
  { name: "GET /access-requests/{id}", run: (w, t) => call("GET", `/api/v1/access-requests/${w.pending.id}`, { token: t }), expect: { anonymous: 401, requester: 200, nonMember: 404, member: 200, admin: 200 } },
  { name: "POST approve", run: (w, t) => call("POST", `/api/v1/access-requests/${w.pending.id}/approve`, { token: t, body: {} }), expect: { anonymous: 401, requester: 403, nonMember: 403, member: 200, admin: 403 } },
  { name: "POST reject", run: (w, t) => call("POST", `/api/v1/access-requests/${w.pending.id}/reject`, { token: t, body: { reason: "no" } }), expect: { anonymous: 401, requester: 403, nonMember: 403, member: 200, admin: 200 } },
  { name: "POST force-approve", run: (w, t) => call("POST", `/api/v1/access-requests/${w.pending.id}/force-approve`, { token: t, body: { reason: "incident" } }), expect: adminOnly(200) },
  { name: "POST revoke", run: (w, t) => call("POST", `/api/v1/access-requests/${w.active.id}/revoke`, { token: t, body: { reason: "done" } }), expect: adminOnly(200) },
  { name: "GET /connections", run: (_w, t) => call("GET", "/api/v1/connections", { token: t }), expect: all(200) },
  { name: "GET /connections/{name}/access", run: (w, t) => call("GET", `/api/v1/connections/${w.conn.name}/access`, { token: t }), expect: all(200) },
  { name: "GET /connections/{name}/access?user=", run: (w, t) => call("GET", `/api/v1/connections/${w.conn.name}/access?user=${encodeURIComponent(w.actors.requester.email)}`, { token: t }), expect: { ...adminOnly(200), requester: 200 } },
  { name: "POST /connections", run: (w, t) => call("POST", "/api/v1/connections", { token: t, body: { name: `c-${w.pending.id.slice(-8)}`, type: "postgres" } }), expect: adminOnly(201) },
  { name: "PATCH /connections/{name}", run: (w, t) => call("PATCH", `/api/v1/connections/${w.conn.name}`, { token: t, body: { maxDuration: "8h" } }), expect: adminOnly(200) },
  { name: "GET /users", run: (_w, t) => call("GET", "/api/v1/users", { token: t }), expect: adminOnly(200) },
  { name: "POST /users", run: (w, t) => call("POST", "/api/v1/users", { token: t, body: { email: `new-${w.pending.id}@test.example`, name: "New" } }), expect: adminOnly(201) },
  { name: "POST /users/{id}/tokens (someone else)", run: (w, t) => call("POST", `/api/v1/users/${w.actors.nonMember.id}/tokens`, { token: t, body: { name: "x" } }), expect: { ...adminOnly(201), nonMember: 201 } },
  { name: "GET /groups", run: (_w, t) => call("GET", "/api/v1/groups", { token: t }), expect: adminOnly(200) },
  { name: "POST /groups", run: (w, t) => call("POST", "/api/v1/groups", { token: t, body: { name: `g-${w.pending.id.slice(-10)}` } }), expect: adminOnly(201) },
  { name: "PUT /groups/{name}/members", run: (w, t) => call("PUT", `/api/v1/groups/${w.group.name}/members`, { token: t, body: { emails: [w.actors.member.email] } }), expect: adminOnly(200) },
  { name: "GET /tokens", run: (_w, t) => call("GET", "/api/v1/tokens", { token: t }), expect: all(200) },
  { name: "POST /tokens", run: (_w, t) => call("POST", "/api/v1/tokens", { token: t, body: { name: "cli" } }), expect: all(201) },
];

describe("authorization matrix", () => {
  for (const cell of cells) {
    it.each(ROLES)(`${cell.name} as %s`, async (role) => {
      const w = await world();
      const res = await cell.run(w, w.tokens[role]);
      expect(res.status, JSON.stringify(res.body)).toBe(cell.expect[role]);
      if (res.status >= 400) {
        expect(res.body.error?.code).toEqual(expect.any(String));
        expect(res.body.error?.message).toEqual(expect.any(String));
      }
    });
  }

  it("denies a revoked token and an unknown token with 401", async () => {
    const user = await makeUser();
    const token = await tokenFor(user);
    const list = await call("GET", "/api/v1/tokens", { token });
    const id = (list.body.items as { id: string }[])[0]!.id;
    expect((await call("DELETE", `/api/v1/tokens/${id}`, { token })).status).toBe(200);
    expect((await call("GET", "/api/v1/connections", { token })).status).toBe(401);
    expect((await call("GET", "/api/v1/connections", { token: "tbx_not-a-real-token-at-all" })).status).toBe(401);
    expect((await call("GET", "/api/v1/connections", { headers: { authorization: "Basic abc" } })).status).toBe(401);
  });

  it("does not let a user revoke someone else's token", async () => {
    const owner = await makeUser();
    await tokenFor(owner);
    const mine = await db().apiToken.findFirstOrThrow({ where: { userId: owner.id } });
    const res = await call("DELETE", `/api/v1/tokens/${mine.id}`, { token: await tokenFor(await makeUser()) });
    expect(res.status).toBe(404);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt).toBeNull();
  });

  it("denies a user removed from every group at once (roles are read on every call)", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }] });
    const member = await makeUser({ groups: [group] });
    const token = await tokenFor(member);
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    await db().groupMember.deleteMany({ where: { userId: member.id } });
    expect((await call("POST", `/api/v1/access-requests/${req.id}/approve`, { token, body: {} })).status).toBe(403);
  });

  it("protects the cron route with CRON_SECRET in constant time", async () => {
    expect((await call("POST", "/api/cron/expire")).status).toBe(401);
    expect((await call("POST", "/api/cron/expire", { headers: { authorization: "Bearer wrong-secret-value" } })).status).toBe(401);
    const ok = await call("GET", "/api/cron/expire", { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } });
    expect(ok.status).toBe(200);
    expect(ok.body.expired).toEqual(expect.any(Number));
  });

  it("serves an OpenAPI 3.1 document describing every endpoint", async () => {
    const res = await call("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const paths = Object.keys(res.body.paths as object);
    expect(paths).toEqual(expect.arrayContaining(["/api/v1/access-requests", "/api/v1/access-requests/{id}/approve", "/api/v1/connections/{name}/access", "/api/v1/groups/{name}/members"]));
    const create = (res.body.paths as Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: object } }> } }>>)["/api/v1/access-requests"]!.post!;
    expect(Object.keys(create.requestBody.content["application/json"]!.schema.properties)).toEqual(["connection", "duration", "reason", "ticket", "startsAt", "emergency"]);
  });
});
