import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { expireGrants } from "@/lib/access/expire-grants";
import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { onOutboxWake } from "@/lib/outbox/wake";
import { PROVISIONING_JOB_KINDS } from "@/lib/provisioning/jobs";
import { dropLoginRole } from "@/lib/provisioning/postgres-target";
import { scramVerifierMatches } from "@/lib/provisioning/scram";
import { call } from "../integration/api-client";
import { as, eventsOf } from "../integration/factories";
import { captureOutput, grantRow, provisionedWorld, requestAndApprove, runGrantJobs, type World } from "../integration/provisioning-helpers";
import { createTarget, loginAs, roleExists, type Target } from "./target";

let target: Target;

beforeAll(async () => {
  target = await createTarget();
});
afterAll(async () => {
  await target?.drop();
});

type Credentials = { host: string; port: number; database: string; user: string; password: string; url: string; psql: string; expiresAt: string };

async function world(extra: Record<string, unknown> = {}): Promise<World> {
  return provisionedWorld({ kind: "postgres", adminUrl: target.adminUrl, grantRoles: [target.readonlyRole], connectionLimit: 3, ...extra });
}

async function activeGrant(w: World, duration = "2h"): Promise<{ id: string; creds: Credentials }> {
  const id = await requestAndApprove(w, duration);
  expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
  const reveal = await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.requester });
  expect(reveal.status, JSON.stringify(reveal.body)).toBe(200);
  return { id, creds: reveal.body as unknown as Credentials };
}

/**
 * Runs this request's provisioning jobs the moment a commit wakes the worker, as the
 * in-process worker does in production (scoped to one request: the database is shared).
 */
function provisioningWorkerFor(requestId: string): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const stopListening = onOutboxWake(() => {
    running = running.then(() => dispatchJobs({ kinds: PROVISIONING_JOB_KINDS, requestIds: [requestId] })).catch(() => undefined);
  });
  return async () => {
    stopListening();
    await running;
  };
}

async function terminatedWithin(ended: Promise<Error>, ms: number): Promise<Error> {
  return Promise.race([ended, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`session still open after ${ms} ms`)), ms))]);
}

describe("postgres provisioner: the grant flow on a real server", () => {
  it("approve: the revealed credentials log in and can use the granted role", async () => {
    const w = await world();
    const { output, result } = await captureOutput(() => activeGrant(w));
    const { id, creds } = result;
    const grant = await grantRow(id);
    expect(creds).toMatchObject({ host: "127.0.0.1", port: 5432, database: target.database, user: grant.roleName });
    expect(creds.user).toMatch(/^tb_[a-z0-9_]+$/);
    expect(creds.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(creds.psql).toBe(`psql "${creds.url}"`);
    expect(output).not.toContain(creds.password);
    expect(output).not.toContain(target.adminPassword);

    const { client } = await loginAs(creds.url);
    try {
      expect((await client.query("SELECT current_user AS me")).rows[0].me).toBe(creds.user);
      expect((await client.query("SELECT sum(total)::text AS s FROM orders")).rows[0].s).toBe("109.5");
      await expect(client.query("DELETE FROM orders")).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }

    // On the server: the password is the one revealed (as a SCRAM verifier), with the expiry and limit.
    const role = (
      await target.query<{ rolpassword: string; rolvaliduntil: Date; rolconnlimit: number; rolcanlogin: boolean; rolsuper: boolean }>(
        "SELECT rolpassword, rolvaliduntil, rolconnlimit, rolcanlogin, rolsuper FROM pg_authid WHERE rolname = $1",
        [creds.user],
      )
    ).rows[0]!;
    expect(scramVerifierMatches(role.rolpassword, creds.password)).toBe(true);
    expect(role.rolvaliduntil.toISOString()).toBe(creds.expiresAt);
    expect(role).toMatchObject({ rolconnlimit: 3, rolcanlogin: true, rolsuper: false });

    // Stored only encrypted; the reveal is audited; nobody but the requester can reveal.
    expect(grant.passwordCiphertext).toMatch(/^v1\./);
    expect(grant.passwordCiphertext).not.toContain(creds.password);
    expect((await eventsOf(id)).map((e) => e.action)).toEqual(expect.arrayContaining(["grant.activated", "grant.credentials_revealed"]));
    expect((await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.admin })).status).toBe(403);
    const seenByAdmin = await call("GET", `/api/v1/access-requests/${id}/grant`, { token: w.tokens.admin });
    expect(seenByAdmin.body).toMatchObject({ status: "ACTIVE", role: creds.user, canReveal: false });
    expect(JSON.stringify(seenByAdmin.body)).not.toContain(creds.password);
    await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "test over" } });
    await runGrantJobs(id);
  });

  it("revoke: an open session is terminated within 2 s and a new login fails", async () => {
    const w = await world();
    const { id, creds } = await activeGrant(w);
    const session = await loginAs(creds.url);
    expect((await session.client.query("SELECT 1 AS one")).rows[0].one).toBe(1);

    const stop = provisioningWorkerFor(id);
    try {
      const t0 = Date.now();
      const revoked = await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "incident closed" } });
      expect(revoked.status).toBe(200);
      const error = await terminatedWithin(session.ended, 2_000);
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(error.message).toMatch(/terminat|ended|Connection terminated/i);
    } finally {
      await stop();
    }
    await expect(loginAs(creds.url)).rejects.toThrow(/does not exist|not permitted to log in/);
    expect(await roleExists(creds.user)).toBe(false);
    expect(await grantRow(id)).toMatchObject({ status: "ENDED", endReason: "revoked", passwordCiphertext: null, terminatedSessions: 1 });
    expect((await eventsOf(id)).find((e) => e.action === "grant.deprovisioned")?.data).toMatchObject({ role: creds.user, terminatedSessions: 1, reason: "revoked" });
    expect((await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.requester })).status).toBe(409);
  });

  it("expiry via the sweep: the session is terminated and new logins fail", async () => {
    const w = await world();
    // Approved 55 s ago for 1 minute: it lapses about 5 s from now.
    const start = new Date(Date.now() - 55_000);
    const req = await createRequest(as(w.requester, start), { connection: w.conn.name, duration: "1m" });
    await approveRequest(as(w.approver, start), req.id);
    expect(await runGrantJobs(req.id)).toMatchObject({ done: 1 });
    const creds = (await call("POST", `/api/v1/access-requests/${req.id}/credentials`, { token: w.tokens.requester })).body as unknown as Credentials;
    const session = await loginAs(creds.url);

    const expiresAt = new Date(creds.expiresAt).getTime();
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now() + 50)));
    const stop = provisioningWorkerFor(req.id);
    try {
      const t0 = Date.now();
      await expireGrants();
      // Another test file's sweep may have expired it a moment earlier: either way, by the sweep.
      expect((await db().accessRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("EXECUTED");
      await runGrantJobs(req.id);
      await terminatedWithin(session.ended, 2_000);
      expect(Date.now() - t0).toBeLessThan(2_000);
    } finally {
      await stop();
    }
    await expect(loginAs(creds.url)).rejects.toThrow(/does not exist|not permitted to log in/);
    expect(await grantRow(req.id)).toMatchObject({ status: "ENDED", endReason: "expired", passwordCiphertext: null });
  });

  it("deprovisioning is idempotent, and what the role created is kept (reassigned), not lost", async () => {
    const w = await world();
    const { id, creds } = await activeGrant(w);
    const { client } = await loginAs(creds.url);
    await client.query("CREATE TABLE scratch.notes (body text)");
    await client.end();

    await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "done" } });
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    expect(await roleExists(creds.user)).toBe(false);
    const owner = await target.query<{ owner: string }>("SELECT tableowner AS owner FROM pg_tables WHERE schemaname = 'scratch' AND tablename = 'notes'");
    expect(owner.rows[0]?.owner).toBe("postgres");

    // Run again, directly and as a job: nothing to do, no error, no second audit event.
    expect(await dropLoginRole(target.adminUrl, creds.user)).toEqual({ existed: false, terminatedSessions: 0 });
    expect(await dropLoginRole(target.adminUrl, creds.user)).toEqual({ existed: false, terminatedSessions: 0 });
    await db().outboxJob.updateMany({ where: { requestId: id, kind: "provision.deactivate" }, data: { status: "PENDING", nextAttemptAt: new Date() } });
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    await db().accessGrant.update({ where: { requestId: id }, data: { status: "DEPROVISIONING" } });
    await db().outboxJob.updateMany({ where: { requestId: id, kind: "provision.deactivate" }, data: { status: "PENDING", nextAttemptAt: new Date() } });
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    expect(await grantRow(id)).toMatchObject({ status: "ENDED" });
  });

  it("a revoke before the activation ran leaves no login behind", async () => {
    const w = await world();
    const id = await requestAndApprove(w);
    const role = (await grantRow(id)).roleName!;
    await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "changed my mind" } });
    await runGrantJobs(id);
    expect(await roleExists(role)).toBe(false);
    expect(await grantRow(id)).toMatchObject({ status: "ENDED", activatedAt: null });
    expect((await eventsOf(id)).some((e) => e.action === "grant.activated")).toBe(false);
  });

  it("a removal that fails is flagged loudly (status, audit, alert, admin list) and an admin retry finishes it", async () => {
    const w = await world();
    const { id, creds } = await activeGrant(w);
    const session = await loginAs(creds.url);
    // The admin URL now points nowhere (say, a rotated password not yet entered).
    await call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, {
      token: w.tokens.admin,
      body: { kind: "postgres", adminUrl: "postgresql://postgres:wrong@127.0.0.1:1/x", grantRoles: [target.readonlyRole] },
    });
    await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "rotation" } });
    expect(await runGrantJobs(id)).toMatchObject({ retrying: 1 });

    expect(await grantRow(id)).toMatchObject({ status: "DEPROVISION_FAILED", lastError: expect.stringContaining("ECONNREFUSED") });
    expect((await eventsOf(id)).filter((e) => e.action === "grant.deprovision_failed")).toHaveLength(1);
    const alerts = await db().outboxJob.findMany({ where: { requestId: id, kind: "request.event" } });
    expect(alerts.map((j) => (j.payload as { type: string }).type)).toContain("grant.deprovision_failed");
    const listed = await call("GET", "/api/v1/grants?status=DEPROVISION_FAILED", { token: w.tokens.admin });
    expect((listed.body.items as { requestId: string }[]).some((g) => g.requestId === id)).toBe(true);
    expect((await call("GET", `/api/v1/access-requests/${id}/grant`, { token: w.tokens.requester })).body).toMatchObject({ canRetry: null });
    expect((await call("POST", `/api/v1/access-requests/${id}/grant/retry`, { token: w.tokens.requester })).status).toBe(403);
    // A second failure does not flag again.
    await runGrantJobs(id, new Date(Date.now() + 3_600_000));
    expect((await eventsOf(id)).filter((e) => e.action === "grant.deprovision_failed")).toHaveLength(1);

    // Fixed and retried by an admin: gone, session cut.
    await call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, {
      token: w.tokens.admin,
      body: { kind: "postgres", adminUrl: target.adminUrl, grantRoles: [target.readonlyRole] },
    });
    const retry = await call("POST", `/api/v1/access-requests/${id}/grant/retry`, { token: w.tokens.admin });
    expect(retry.status).toBe(200);
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    await terminatedWithin(session.ended, 2_000);
    expect(await roleExists(creds.user)).toBe(false);
    expect(await grantRow(id)).toMatchObject({ status: "ENDED", lastError: null });
    expect((await eventsOf(id)).find((e) => e.action === "grant.deprovisioned")?.data).toMatchObject({ resolvesEarlierFailure: true });
  });

  it("Test connection checks privileges and the configured roles", async () => {
    const w = await world();
    const ok = await call("POST", `/api/v1/connections/${w.conn.name}/provisioner/test`, { token: w.tokens.admin, body: {} });
    expect(ok.body).toMatchObject({ ok: true, message: expect.stringMatching(/Connected to PostgreSQL 1\d.* as postgres \(superuser\)/) });
    const missing = await call("POST", `/api/v1/connections/${w.conn.name}/provisioner/test`, {
      token: w.tokens.admin,
      body: { adminUrl: target.adminUrl, grantRoles: ["no_such_role_xyz"] },
    });
    expect(missing.body).toMatchObject({ ok: false, message: expect.stringContaining("no_such_role_xyz does not exist") });
    expect(JSON.stringify([ok.body, missing.body])).not.toContain(target.adminPassword);
  });

  it("a missing grant role fails provisioning at once, visibly, without retries", async () => {
    const w = await world({ grantRoles: ["no_such_role_abc"] });
    const id = await requestAndApprove(w);
    expect(await runGrantJobs(id)).toMatchObject({ dead: 1 });
    const grant = await grantRow(id);
    expect(grant).toMatchObject({ status: "FAILED", lastError: expect.stringContaining("no_such_role_abc") });
    expect(await roleExists(grant.roleName!)).toBe(false);
  });

  it("an extension moves the login's VALID UNTIL, and is not a grant of its own", async () => {
    const w = await world();
    const { id, creds } = await activeGrant(w, "1h");
    const ext = await call("POST", `/api/v1/access-requests/${id}/extend`, { token: w.tokens.requester, body: { duration: "30m", reason: "still migrating" } });
    expect(ext.status, JSON.stringify(ext.body)).toBe(201);
    const extId = ext.body.id as string;
    await call("POST", `/api/v1/access-requests/${extId}/approve`, { token: w.tokens.approver, body: {} });
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    expect(await db().accessGrant.findUnique({ where: { requestId: extId } })).toBeNull();

    const newExpiry = (await db().accessRequest.findUniqueOrThrow({ where: { id } })).expiresAt!;
    expect(newExpiry.getTime() - new Date(creds.expiresAt).getTime()).toBe(30 * 60_000);
    const role = (await target.query<{ rolvaliduntil: Date }>("SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1", [creds.user])).rows[0]!;
    expect(role.rolvaliduntil.toISOString()).toBe(newExpiry.toISOString());
    expect((await eventsOf(id)).map((e) => e.action)).toContain("grant.extended");
    // The revealed details now say the new expiry; the same login still works.
    const again = await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.requester });
    expect(again.body).toMatchObject({ user: creds.user, password: creds.password, expiresAt: newExpiry.toISOString() });
    await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "done" } });
    await runGrantJobs(id);
    expect(await roleExists(creds.user)).toBe(false);
  });

  it("a scheduled grant gets its login when its window opens, not at approval", async () => {
    const w = await world();
    const startsAt = new Date(Date.now() + 3_000);
    const created = await call("POST", "/api/v1/access-requests", {
      token: w.tokens.requester,
      body: { connection: w.conn.name, duration: "1h", reason: "maintenance window", startsAt: startsAt.toISOString() },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await call("POST", `/api/v1/access-requests/${id}/approve`, { token: w.tokens.approver, body: {} });
    expect(await runGrantJobs(id)).toMatchObject({ claimed: 0 });
    const role = (await grantRow(id)).roleName!;
    expect(await roleExists(role)).toBe(false);
    const early = await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.requester });
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toMatch(/not started yet/);
    expect((await call("GET", `/api/v1/access-requests/${id}/grant`, { token: w.tokens.requester })).body.summary).toMatch(/starts at/);

    await new Promise((r) => setTimeout(r, startsAt.getTime() - Date.now() + 50));
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    const creds = (await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.requester })).body as unknown as Credentials;
    const { client } = await loginAs(creds.url);
    await client.end();
    await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "done" } });
    await runGrantJobs(id);
    expect(await roleExists(role)).toBe(false);
  });

  it("a requester releasing the grant early removes the login like a revoke", async () => {
    const w = await world();
    const { id, creds } = await activeGrant(w);
    const session = await loginAs(creds.url);
    expect((await call("POST", `/api/v1/access-requests/${id}/release`, { token: w.tokens.requester, body: {} })).status).toBe(200);
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    await terminatedWithin(session.ended, 2_000);
    expect(await roleExists(creds.user)).toBe(false);
    expect(await grantRow(id)).toMatchObject({ status: "ENDED", endReason: "revoked" });
  });
});
