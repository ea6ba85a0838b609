import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifySignature } from "@/lib/provisioning/webhook";
import { ACTIVATE_MAX_ATTEMPTS } from "@/lib/provisioning/jobs";
import { GRANT_ALERT_JOB } from "@/lib/provisioning/grant-alerts";
import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { resetEnvForTests } from "@/lib/env";
import { call } from "./api-client";
import { captureOutput, grantRow, provisionedWorld, requestAndApprove, runGrantJobs } from "./provisioning-helpers";
import { eventsOf, makeUser, tokenFor } from "./factories";

const later = (ms: number) => new Date(Date.now() + ms);
/** Nothing listens on port 1: connecting fails at once with ECONNREFUSED. */
const UNREACHABLE_PASSWORD = "Unreachable-Admin-Pa55word";
const UNREACHABLE_URL = `postgresql://timebox_admin:${UNREACHABLE_PASSWORD}@127.0.0.1:1/app`;

describe("provisioner settings", () => {
  it("stores the admin URL encrypted and never returns it; admins only", async () => {
    const w = await provisionedWorld({ kind: "postgres", adminUrl: UNREACHABLE_URL, grantRoles: ["readonly"], connectionLimit: 3 });
    expect(w.configured).toMatchObject({
      kind: "postgres",
      postgres: { adminUrlSet: true, target: { host: "127.0.0.1", port: 1, database: "app", user: "timebox_admin" }, grantRoles: ["readonly"], connectionLimit: 3 },
    });
    const got = await call("GET", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin });
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain(UNREACHABLE_PASSWORD);
    const stored = await db().connectionProvisioner.findUniqueOrThrow({ where: { connectionId: w.conn.id } });
    expect(stored.adminUrlCiphertext).toMatch(/^v1\./);
    expect(stored.adminUrlCiphertext).not.toContain(UNREACHABLE_PASSWORD);
    const audit = await db().auditEvent.findMany({ where: { connectionId: w.conn.id, action: "connection.provisioner_updated" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.data)).not.toContain(UNREACHABLE_PASSWORD);
    expect(audit[0]!.data).toMatchObject({ adminUrlChanged: true, after: { kind: "postgres", grantRoles: ["readonly"] } });

    for (const token of [w.tokens.requester, w.tokens.approver]) {
      expect((await call("GET", `/api/v1/connections/${w.conn.name}/provisioner`, { token })).status).toBe(403);
      expect((await call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, { token, body: { kind: "none" } })).status).toBe(403);
      expect((await call("POST", `/api/v1/connections/${w.conn.name}/provisioner/test`, { token, body: {} })).status).toBe(403);
    }
    expect((await call("GET", `/api/v1/connections/${w.conn.name}/provisioner`)).status).toBe(401);

    // Leaving the URL out keeps the stored one.
    const kept = await call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin, body: { kind: "postgres", grantRoles: ["app_rw"] } });
    expect(kept.body).toMatchObject({ postgres: { adminUrlSet: true, grantRoles: ["app_rw"], connectionLimit: 5 } });
  });

  it("refuses bad settings with one clear message", async () => {
    const w = await provisionedWorld(null);
    const put = (body: unknown) => call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin, body });
    const cases: [unknown, RegExp][] = [
      [{ kind: "ldap" }, /kind must be/],
      [{ kind: "postgres" }, /adminUrl is required/],
      [{ kind: "postgres", adminUrl: "mysql://x@y/z" }, /postgresql:\/\//],
      [{ kind: "postgres", adminUrl: "postgresql://a@h/db", connectionLimit: 0 }, /connectionLimit/],
      [{ kind: "postgres", adminUrl: "postgresql://a@h/db", grantRoles: [""] }, /role names/],
      [{ kind: "postgres", adminUrl: "postgresql://a@h/db", clientAddress: "a b" }, /clientAddress/],
      [{ kind: "webhook", url: "ftp://x" }, /http\(s\)/],
      [{ kind: "webhook", url: "https://user:pw@hooks.example" }, /without credentials/],
      [{ kind: "webhook", url: "https://hooks.example", secret: "short" }, /at least 16/],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.message).toMatch(message);
    }
    expect((await call("PUT", `/api/v1/connections/no-such-conn/provisioner`, { token: w.tokens.admin, body: { kind: "none" } })).status).toBe(404);
  });

  it("tests a connection and reports an unreachable target without echoing the URL", async () => {
    const w = await provisionedWorld({ kind: "postgres", adminUrl: UNREACHABLE_URL });
    const res = await call("POST", `/api/v1/connections/${w.conn.name}/provisioner/test`, { token: w.tokens.admin, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, message: expect.stringMatching(/Cannot connect to the target database: .*ECONNREFUSED/) });
    expect(JSON.stringify(res.body)).not.toContain(UNREACHABLE_PASSWORD);
    const got = await call("GET", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin });
    expect(got.body.lastTest).toMatchObject({ ok: false });
  });

  it("will not change the kind while grants made by the old one still hold access", async () => {
    const w = await provisionedWorld({ kind: "postgres", adminUrl: UNREACHABLE_URL });
    const id = await requestAndApprove(w);
    const res = await call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin, body: { kind: "none" } });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toMatch(/1 grant made by the postgres provisioner/);
    await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "switching" } });
    // The removal cannot reach the target either, so the grant still holds (and is flagged).
    await runGrantJobs(id);
    expect((await grantRow(id)).status).toBe("DEPROVISION_FAILED");
    expect((await call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin, body: { kind: "none" } })).status).toBe(409);
  });
});

describe("a target that cannot be reached", () => {
  it("leaves the request APPROVED with a visible error and a retry, and never marks it ready", async () => {
    const w = await provisionedWorld({ kind: "postgres", adminUrl: UNREACHABLE_URL, grantRoles: ["readonly"] });
    const id = await requestAndApprove(w);
    expect(await grantRow(id)).toMatchObject({ status: "PROVISIONING", provisioner: "postgres", attempts: 0 });

    expect(await runGrantJobs(id)).toMatchObject({ retrying: 1 });
    const grant = await call("GET", `/api/v1/access-requests/${id}/grant`, { token: w.tokens.requester });
    expect(grant.body).toMatchObject({
      provisioner: "postgres",
      status: "PROVISIONING",
      attempts: 1,
      lastError: expect.stringContaining("ECONNREFUSED"),
      canReveal: false,
      canRetry: "provision",
      summary: expect.stringContaining("failed"),
    });
    expect((await call("GET", `/api/v1/access-requests/${id}`, { token: w.tokens.requester })).body.status).toBe("APPROVED");
    const reveal = await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.requester });
    expect(reveal.status).toBe(409);
    expect(reveal.body.error?.message).toMatch(/could not be created: .*ECONNREFUSED/);

    // Every automatic attempt fails: the grant is FAILED, flagged once, and the alert goes out.
    for (let i = 2; i <= ACTIVATE_MAX_ATTEMPTS; i++) await runGrantJobs(id, later(i * 3_600_000));
    const failed = await grantRow(id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: ACTIVATE_MAX_ATTEMPTS, passwordCiphertext: null, activatedAt: null });
    expect((await eventsOf(id)).filter((e) => e.action === "grant.provision_failed")).toHaveLength(1);
    const alerts = await db().outboxJob.findMany({ where: { requestId: id, kind: "request.event" } });
    expect(alerts.map((j) => (j.payload as { type: string }).type)).toContain("grant.provision_failed");

    // The requester retries; the same job runs again with fresh attempts.
    const retry = await call("POST", `/api/v1/access-requests/${id}/grant/retry`, { token: w.tokens.requester });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: "PROVISIONING" });
    expect(await db().outboxJob.findFirstOrThrow({ where: { requestId: id, kind: "provision.activate" } })).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await runGrantJobs(id)).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await grantRow(id)).status).toBe("PROVISIONING");
    expect((await eventsOf(id)).map((e) => e.action)).toContain("grant.provision_retried");

    // Approvers cannot retry someone else's provisioning; nobody can while an attempt is not needed.
    expect((await call("POST", `/api/v1/access-requests/${id}/grant/retry`, { token: w.tokens.approver })).status).toBe(403);
    expect((await call("GET", "/api/v1/access-requests/" + id + "/grant", { token: w.tokens.approver })).body.canRetry).toBeNull();
  });
});

describe("provisioning alarms reach people", () => {
  let server: Server;
  let teamsUrl = "";
  const cards: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        cards.push(body);
        res.writeHead(200).end("1");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    teamsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/teams`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("emails admins and the requester, and posts to the connection's Teams channel, when access cannot be set up", async () => {
    // The demo's email transport (the dev outbox) makes emails visible without a provider.
    process.env.TIMEBOX_DEMO = "1";
    resetEnvForTests();
    try {
      const w = await provisionedWorld({ kind: "postgres", adminUrl: UNREACHABLE_URL });
      await db().connectionNotificationSettings.create({ data: { connectionId: w.conn.id, teamsWebhookUrl: teamsUrl } });
      const id = await requestAndApprove(w);
      await db().outboxJob.updateMany({ where: { requestId: id, kind: "provision.activate" }, data: { maxAttempts: 1 } });
      expect(await runGrantJobs(id)).toMatchObject({ dead: 1 });
      const kinds = Object.values(GRANT_ALERT_JOB);
      // Every admin in the shared test database gets one: drain them all.
      for (let i = 0; i < 50 && (await dispatchJobs({ kinds, requestIds: [id], limit: 500 })).claimed > 0; i++);
      const alerts = await db().outboxJob.findMany({ where: { requestId: id, kind: { startsWith: "grant.alert." } } });
      expect(alerts.length).toBeGreaterThanOrEqual(3);
      expect(alerts.filter((j) => j.status !== "DONE").map((j) => `${j.kind} ${j.status} ${j.lastError}`)).toEqual([]);
      const emails = await db().devOutboxEmail.findMany({ where: { dedupeKey: { in: alerts.map((j) => j.dedupeKey) } } });
      expect(emails.map((e) => e.to)).toEqual(expect.arrayContaining([w.admin.email, w.requester.email]));
      expect(emails[0]!.subject).toBe(`[Timebox] Access to ${w.conn.name} could not be set up`);
      expect(emails[0]!.text).toContain("ECONNREFUSED");
      expect(emails[0]!.text).not.toContain(UNREACHABLE_PASSWORD);
      expect(cards.some((c) => c.includes(`Access to ${w.conn.name} could not be set up`))).toBe(true);
    } finally {
      delete process.env.TIMEBOX_DEMO;
      resetEnvForTests();
    }
  });
});

describe("secrets", () => {
  it("never show up in logs or API responses other than the reveal", async () => {
    const { output, result } = await captureOutput(async () => {
      const w = await provisionedWorld({ kind: "postgres", adminUrl: UNREACHABLE_URL });
      const id = await requestAndApprove(w);
      const bodies: unknown[] = [w.configured];
      for (let i = 0; i <= ACTIVATE_MAX_ATTEMPTS; i++) await runGrantJobs(id, later(i * 3_600_000));
      bodies.push((await call("POST", `/api/v1/connections/${w.conn.name}/provisioner/test`, { token: w.tokens.admin, body: {} })).body);
      bodies.push((await call("POST", `/api/v1/connections/${w.conn.name}/provisioner/test`, { token: w.tokens.admin, body: { adminUrl: UNREACHABLE_URL } })).body);
      bodies.push((await call("GET", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin })).body);
      for (const token of Object.values(w.tokens)) {
        bodies.push((await call("GET", `/api/v1/access-requests/${id}`, { token })).body);
        bodies.push((await call("GET", `/api/v1/access-requests/${id}/grant`, { token })).body);
        bodies.push((await call("GET", `/api/v1/access-requests/${id}/wait`, { token })).body);
        bodies.push((await call("POST", `/api/v1/access-requests/${id}/credentials`, { token })).body);
      }
      bodies.push((await call("GET", "/api/v1/grants", { token: w.tokens.admin })).body);
      bodies.push((await call("GET", `/api/v1/audit?limit=200`, { token: w.tokens.admin })).body);
      await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "done" } });
      await runGrantJobs(id);
      bodies.push((await call("GET", `/api/v1/grants?status=DEPROVISION_FAILED`, { token: w.tokens.admin })).body);
      const rows = [
        await db().auditEvent.findMany({ where: { OR: [{ requestId: id }, { connectionId: w.conn.id }] } }),
        await db().outboxJob.findMany({ where: { requestId: id } }),
        await db().accessGrant.findMany({ where: { requestId: id } }),
      ];
      return { bodies, rows };
    });
    const everything = JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) + output;
    expect(everything).toContain("ECONNREFUSED"); // the failures were visible…
    expect(everything).not.toContain(UNREACHABLE_PASSWORD); // …without the secret
    expect(everything).not.toContain("timebox_admin:");
  });
});

describe("the webhook provisioner", () => {
  type Delivery = { headers: IncomingMessage["headers"]; body: string };
  let server: Server;
  let url = "";
  const deliveries: Delivery[] = [];
  let failNext = 0;
  let answer = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        deliveries.push({ headers: req.headers, body });
        if (failNext > 0) {
          failNext--;
          res.writeHead(500).end("boom");
        } else res.writeHead(answer).end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/timebox`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("signs grant.activated and grant.ended, and retries after a 500", async () => {
    const w = await provisionedWorld({ kind: "webhook", url });
    const secret = w.configured!.webhookSecret as string;
    expect(secret).toMatch(/^whsec_/);
    const got = await call("GET", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin });
    expect(got.body).toMatchObject({ kind: "webhook", webhook: { url, secretSet: true } });
    expect(JSON.stringify(got.body)).not.toContain(secret);

    const id = await requestAndApprove(w);
    const mine = () => deliveries.filter((d) => d.body.includes(id));
    failNext = 1;
    expect(await runGrantJobs(id)).toMatchObject({ retrying: 1 });
    expect(await grantRow(id)).toMatchObject({ status: "PROVISIONING", lastError: expect.stringContaining("HTTP 500") });
    expect(await runGrantJobs(id, later(60_000))).toMatchObject({ done: 1 });
    expect(await grantRow(id)).toMatchObject({ status: "ACTIVE", lastError: null });

    const [first, second] = mine();
    expect(mine()).toHaveLength(2);
    for (const d of [first!, second!]) {
      expect(verifySignature(secret, d.body, d.headers["timebox-signature"] as string)).toBe(true);
      expect(d.headers["timebox-event"]).toBe("grant.activated");
      expect(d.headers["timebox-delivery"]).toBe(`grant.activated:${id}`);
      expect(d.headers["content-type"]).toBe("application/json");
    }
    expect(verifySignature("whsec_wrong", second!.body, second!.headers["timebox-signature"] as string)).toBe(false);
    expect(JSON.parse(second!.body)).toMatchObject({
      id: `grant.activated:${id}`,
      type: "grant.activated",
      data: { requestId: id, connection: w.conn.name, user: { email: w.requester.email }, reason: "incident 42", duration: "2h", expiresAt: expect.any(String) },
    });

    await call("POST", `/api/v1/access-requests/${id}/revoke`, { token: w.tokens.admin, body: { reason: "shift over" } });
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    const ended = mine().at(-1)!;
    expect(verifySignature(secret, ended.body, ended.headers["timebox-signature"] as string)).toBe(true);
    expect(JSON.parse(ended.body)).toMatchObject({
      type: "grant.ended",
      data: { requestId: id, endReason: "revoked", note: "shift over", endedBy: w.admin.email, endedAt: expect.any(String) },
    });
    expect(await grantRow(id)).toMatchObject({ status: "ENDED" });
    expect((await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.requester })).status).toBe(409);
  });

  it("does not retry a 4xx automatically: FAILED, with a retry action", async () => {
    const w = await provisionedWorld({ kind: "webhook", url: `${url}?gone`, secret: "my-own-signing-secret-1234" });
    expect(w.configured!.webhookSecret).toBeUndefined();
    const id = await requestAndApprove(w);
    answer = 410;
    try {
      expect(await runGrantJobs(id)).toMatchObject({ dead: 1 });
    } finally {
      answer = 200;
    }
    expect(await grantRow(id)).toMatchObject({ status: "FAILED", lastError: expect.stringContaining("HTTP 410") });
    const last = deliveries.filter((d) => d.body.includes(id)).at(-1)!;
    expect(verifySignature("my-own-signing-secret-1234", last.body, last.headers["timebox-signature"] as string)).toBe(true);
    expect((await call("POST", `/api/v1/access-requests/${id}/grant/retry`, { token: w.tokens.admin })).status).toBe(200);
    expect(await runGrantJobs(id)).toMatchObject({ done: 1 });
    expect(await grantRow(id)).toMatchObject({ status: "ACTIVE" });
  });

  it("rotates the secret on request and shows the new one once", async () => {
    const w = await provisionedWorld({ kind: "webhook", url });
    const first = w.configured!.webhookSecret as string;
    const same = await call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin, body: { kind: "webhook", url } });
    expect(same.body.webhookSecret).toBeUndefined();
    const rotated = await call("PUT", `/api/v1/connections/${w.conn.name}/provisioner`, { token: w.tokens.admin, body: { kind: "webhook", url, rotateSecret: true } });
    expect(rotated.body.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.body.webhookSecret).not.toBe(first);
    const ping = await call("POST", `/api/v1/connections/${w.conn.name}/provisioner/test`, { token: w.tokens.admin, body: {} });
    expect(ping.body).toMatchObject({ ok: true, message: expect.stringContaining("HTTP 200") });
    const delivered = deliveries.at(-1)!;
    expect(delivered.headers["timebox-event"]).toBe("ping");
    expect(verifySignature(rotated.body.webhookSecret as string, delivered.body, delivered.headers["timebox-signature"] as string)).toBe(true);
  });
});

describe("connections without a provisioner", () => {
  it("track the grant in Timebox only: no grant row, nothing to reveal", async () => {
    const w = await provisionedWorld(null);
    const id = await requestAndApprove(w);
    expect(await db().accessGrant.findUnique({ where: { requestId: id } })).toBeNull();
    expect(await db().outboxJob.count({ where: { requestId: id, kind: { startsWith: "provision." } } })).toBe(0);
    const grant = await call("GET", `/api/v1/access-requests/${id}/grant`, { token: w.tokens.requester });
    expect(grant.body).toMatchObject({ provisioner: "none", status: null, canReveal: false, canRetry: null });
    const reveal = await call("POST", `/api/v1/access-requests/${id}/credentials`, { token: w.tokens.requester });
    expect(reveal.status).toBe(409);
    expect(reveal.body.error?.message).toMatch(/not provisioned by Timebox/);
    expect((await call("GET", `/api/v1/connections/${w.conn.name}/access`, { token: w.tokens.requester })).body).toMatchObject({ allowed: true, requestId: id });
  });
});

describe("waiting for a decision (long-poll)", () => {
  it("answers at once without `since`, holds until the state changes, and times out unchanged", async () => {
    const w = await provisionedWorld(null);
    const created = await call("POST", "/api/v1/access-requests", { token: w.tokens.requester, body: { connection: w.conn.name } });
    const id = created.body.id as string;
    const first = await call("GET", `/api/v1/access-requests/${id}/wait`, { token: w.tokens.requester });
    expect(first.body).toMatchObject({ changed: true, request: { status: "PENDING" }, grant: { provisioner: "none" } });
    const since = first.body.fingerprint as string;

    const t0 = Date.now();
    const unchanged = await call("GET", `/api/v1/access-requests/${id}/wait?since=${since}&timeout=1`, { token: w.tokens.requester });
    expect(unchanged.body).toMatchObject({ changed: false, fingerprint: since });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);

    const waiting = call("GET", `/api/v1/access-requests/${id}/wait?since=${since}&timeout=20`, { token: w.tokens.requester });
    await new Promise((r) => setTimeout(r, 300));
    const t1 = Date.now();
    await call("POST", `/api/v1/access-requests/${id}/reject`, { token: w.tokens.approver, body: { reason: "use staging" } });
    const answered = await waiting;
    // Woken by the commit in this process, not by the once-a-second check.
    expect(Date.now() - t1).toBeLessThan(900);
    expect(answered.body).toMatchObject({ changed: true, request: { status: "REJECTED", decisionNote: "use staging" } });
    expect(answered.body.fingerprint).not.toBe(since);
  });

  it("is 404 for a request the caller may not see, and 400 for a bad timeout", async () => {
    const w = await provisionedWorld(null);
    const id = await requestAndApprove(w);
    const stranger = await tokenFor(await makeUser());
    expect((await call("GET", `/api/v1/access-requests/${id}/wait`, { token: stranger })).status).toBe(404);
    expect((await call("GET", `/api/v1/access-requests/${id}/wait?timeout=600`, { token: w.tokens.requester })).status).toBe(400);
    expect((await call("GET", `/api/v1/access-requests/${id}/wait?timeout=abc`, { token: w.tokens.requester })).status).toBe(400);
    expect((await call("GET", `/api/v1/access-requests/${id}/wait`)).status).toBe(401);
  });
});

describe("grant endpoints: who may do what", () => {
  it("lets viewers see the grant, only the requester reveal, only admins list", async () => {
    const w = await provisionedWorld({ kind: "postgres", adminUrl: UNREACHABLE_URL });
    const id = await requestAndApprove(w);
    const stranger = await tokenFor(await makeUser());
    const status = async (method: "GET" | "POST", path: string, token?: string) => (await call(method, path, { token })).status;
    expect(await status("GET", `/api/v1/access-requests/${id}/grant`, w.tokens.requester)).toBe(200);
    expect(await status("GET", `/api/v1/access-requests/${id}/grant`, w.tokens.approver)).toBe(200);
    expect(await status("GET", `/api/v1/access-requests/${id}/grant`, w.tokens.admin)).toBe(200);
    expect(await status("GET", `/api/v1/access-requests/${id}/grant`, stranger)).toBe(404);
    expect(await status("GET", `/api/v1/access-requests/${id}/grant`)).toBe(401);
    expect(await status("POST", `/api/v1/access-requests/${id}/credentials`, w.tokens.admin)).toBe(403);
    expect(await status("POST", `/api/v1/access-requests/${id}/credentials`, w.tokens.approver)).toBe(403);
    expect(await status("POST", `/api/v1/access-requests/${id}/credentials`, stranger)).toBe(404);
    expect(await status("POST", `/api/v1/access-requests/${id}/credentials`)).toBe(401);
    expect(await status("POST", `/api/v1/access-requests/${id}/grant/retry`, stranger)).toBe(404);
    expect(await status("GET", "/api/v1/grants", w.tokens.requester)).toBe(403);
    expect(await status("GET", "/api/v1/grants", w.tokens.admin)).toBe(200);
    expect((await call("GET", "/api/v1/grants?status=BOGUS", { token: w.tokens.admin })).status).toBe(400);
    // Nothing failed yet: nothing to retry.
    expect(await status("POST", `/api/v1/access-requests/${id}/grant/retry`, w.tokens.requester)).toBe(409);
  });
});

describe("the OpenAPI document", () => {
  it("describes the provisioning endpoints from the handlers' own schemas", async () => {
    const res = await call("GET", "/api/v1/openapi.json");
    const paths = res.body.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/access-requests/{id}/wait",
        "/api/v1/access-requests/{id}/grant",
        "/api/v1/access-requests/{id}/grant/retry",
        "/api/v1/access-requests/{id}/credentials",
        "/api/v1/connections/{name}/provisioner",
        "/api/v1/connections/{name}/provisioner/test",
        "/api/v1/grants",
      ]),
    );
    const put = JSON.stringify(paths["/api/v1/connections/{name}/provisioner"]!.put!.requestBody!.content["application/json"]!.schema);
    for (const field of ["postgres", "webhook", "adminUrl", "grantRoles", "connectionLimit", "rotateSecret"]) expect(put).toContain(field);
  });
});
