/**
 * Two `next start` instances on different ports share one PostgreSQL, both running the
 * expiry sweep every second and the outbox worker. Approvals race on both, the same
 * approver clicks on both, rejects race approvals; then every grant must expire exactly
 * once and every notification, webhook and audit forward must arrive exactly once.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  adminApi,
  adminOf,
  api,
  auditChain,
  chaosDatabase,
  deploymentEnv,
  invariantViolations,
  pool,
  Receiver,
  startInstance,
  waitFor,
  withPg,
  type Caller,
  type Instance,
} from "./harness";
import type { BenchDatabase } from "../../scripts/bench/lib/database";

let database: BenchDatabase;
let receiver: Receiver;
let a: Instance;
let b: Instance;

const REQUESTERS = 6;
const CONNECTIONS = 6; // requests = REQUESTERS × CONNECTIONS
const RACED_REJECTS = 6;

beforeAll(async () => {
  database = await chaosDatabase();
  receiver = await new Receiver().start();
  const env = deploymentEnv(database, {
    TIMEBOX_SCHEDULER: "1",
    TIMEBOX_SWEEP_INTERVAL_SECONDS: "1",
    TIMEBOX_OUTBOX_INTERVAL_MS: "200",
    RESEND_API_KEY: "re_chaos_fake_key",
    RESEND_BASE_URL: `${receiver.url}/resend`,
    TIMEBOX_AUDIT_WEBHOOK_URL: `${receiver.url}/audit`,
    TIMEBOX_AUDIT_WEBHOOK_SECRET: "chaos-audit-webhook-secret-0123456789",
    TIMEBOX_REQUESTS_PER_MINUTE: "1000",
  });
  // Both start at once, as a deployment would start them.
  [a, b] = await Promise.all([startInstance(env, "instance-a"), startInstance(env, "instance-b")]);
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await receiver?.stop();
  await database?.drop();
});

it("races approvals and sweeps on two instances: every grant expires once, every delivery arrives once", async () => {
  const admin = adminApi(a.url, adminOf(a));
  await admin.group("dba");
  await admin.group("security");
  const approverIds: Record<string, string> = {};
  for (const name of ["dba1", "dba2", "sec1"]) approverIds[name] = (await admin.user(`${name}@chaos.test`)).id;
  await admin.members("dba", ["dba1@chaos.test", "dba2@chaos.test"]);
  await admin.members("security", ["sec1@chaos.test"]);
  const approvers: Record<string, Caller> = {};
  for (const [name, id] of Object.entries(approverIds)) approvers[name] = await admin.token(id);

  const connections: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const name = `chaos-db-${i}`;
    await admin.connection({ name, approvalGroups: [{ name: "dba", minApprovals: 2 }, "security"] });
    await admin.must("PUT", `/api/v1/connections/${name}/provisioner`, { kind: "webhook", url: `${receiver.url}/webhook`, secret: "chaos-webhook-secret-0123456789" });
    connections.push(name);
  }
  const requesters: Caller[] = [];
  for (let i = 0; i < REQUESTERS; i++) requesters.push(await admin.token((await admin.user(`requester${i}@chaos.test`)).id));

  // Requests, created alternately on both instances.
  const pairs = requesters.flatMap((r, i) => connections.map((c, j) => ({ requester: r, connection: c, on: (i + j) % 2 ? a : b })));
  const ids = await pool(pairs, 8, async (p) => {
    const res = await api<{ id: string; status: string }>(p.on.url, "POST", "/api/v1/access-requests", p.requester, { connection: p.connection, duration: "1m", reason: "chaos: two instances" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  });

  // Every approval at once: each approver on both instances (a double click across instances),
  // and for a few requests a reject racing the approvals.
  const calls: (() => Promise<number>)[] = [];
  ids.forEach((id, i) => {
    for (const name of ["dba1", "dba2", "sec1"]) {
      for (const instance of [a, b]) {
        calls.push(async () => (await api(instance.url, "POST", `/api/v1/access-requests/${id}/approve`, approvers[name]!, {})).status);
      }
    }
    if (i < RACED_REJECTS) calls.push(async () => (await api((i % 2 ? a : b).url, "POST", `/api/v1/access-requests/${id}/reject`, approvers.sec1!, { reason: "raced" })).status);
  });
  calls.sort(() => Math.random() - 0.5);
  const statuses = await Promise.all(calls.map((c) => c()));
  const unexpected = statuses.filter((s) => s !== 200 && s !== 409);
  expect(unexpected, `statuses ${JSON.stringify(statuses)}`).toEqual([]);

  const final = await withPg(database.url, async (c) => (await c.query<{ id: string; status: string }>("SELECT id, status FROM access_requests WHERE id = ANY($1)", [ids])).rows);
  const granted = final.filter((r) => r.status === "APPROVED").map((r) => r.id);
  const rejected = final.filter((r) => r.status === "REJECTED").map((r) => r.id);
  expect(granted.length + rejected.length).toBe(ids.length);
  expect(granted.length).toBeGreaterThanOrEqual(ids.length - RACED_REJECTS);

  // Each grant lasts a minute; both instances sweep every second.
  await waitFor(
    "every grant to be EXECUTED",
    () => withPg(database.url, async (c) => (await c.query("SELECT 1 FROM access_requests WHERE status = 'APPROVED'")).rowCount === 0),
    120_000,
    1_000,
  );
  // And every outbox job that is due to be done (notifications, webhooks, audit forwards);
  // reminders scheduled for later stay PENDING until their time.
  await waitFor(
    "the outbox to drain",
    () => withPg(database.url, async (c) => (await c.query("SELECT 1 FROM outbox_jobs WHERE status = 'PENDING' AND next_attempt_at <= now()")).rowCount === 0),
    120_000,
    500,
  );
  const dead = await withPg(database.url, async (c) => (await c.query("SELECT kind, dedupe_key, last_error FROM outbox_jobs WHERE status = 'DEAD'")).rows);
  expect(dead).toEqual([]);

  expect(await invariantViolations(database.url)).toEqual([]);

  const db = await withPg(database.url, async (c) => ({
    expiredEvents: (await c.query<{ request_id: string; n: number }>("SELECT request_id, count(*)::int AS n FROM audit_events WHERE action = 'request.expired' GROUP BY 1")).rows,
    jobs: (await c.query<{ kind: string; status: string; n: number }>("SELECT kind, status, count(*)::int AS n FROM outbox_jobs GROUP BY 1, 2 ORDER BY 1, 2")).rows,
    emailJobs: (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_jobs WHERE kind = 'notify.email' AND status = 'DONE' AND (result->>'skipped') IS NULL")).rows[0]!.n,
    auditEvents: (await c.query<{ id: string }>("SELECT id::text FROM audit_events")).rows.map((r) => r.id),
  }));

  // Every grant expired exactly once (one event each, no grant missed).
  expect(db.expiredEvents.map((e) => e.request_id).sort()).toEqual([...granted].sort());
  expect(db.expiredEvents.filter((e) => e.n !== 1)).toEqual([]);
  // Both instances' logs together account for every grant exactly once.
  const swept = (instance: Instance) => [...instance.output().matchAll(/expired (\d+) grant/g)].reduce((s, m) => s + Number(m[1]), 0);
  expect(swept(a) + swept(b)).toBe(granted.length);

  // Provisioning webhooks: one grant.activated and one grant.ended per grant, no delivery twice.
  expect(receiver.duplicates("/webhook")).toEqual([]);
  const webhook = receiver.deliveries.filter((d) => d.path === "/webhook");
  const perGrant = (type: string) => webhook.filter((d) => d.type === type).map((d) => String((d.body.data as { requestId?: string })?.requestId)).sort();
  expect(perGrant("grant.activated")).toEqual([...granted].sort());
  expect(perGrant("grant.ended")).toEqual([...granted].sort());

  // Emails: each idempotency key once, one send per completed email job.
  expect(receiver.duplicates("/resend/emails")).toEqual([]);
  expect(receiver.counts("/resend/emails").size).toBe(db.emailJobs);
  expect(db.emailJobs).toBeGreaterThan(0);

  // Audit forwarding: every audit event delivered once.
  expect(receiver.duplicates("/audit")).toEqual([]);
  expect([...receiver.counts("/audit").keys()].sort()).toEqual(db.auditEvents.map((id) => `audit-${id}`).sort());

  expect(await auditChain(a)).toMatchObject({ ok: true });
  console.log(
    `two instances: ${ids.length} requests, ${granted.length} granted, ${rejected.length} rejected; sweeps: a ${swept(a)}, b ${swept(b)}; ` +
      `deliveries: ${webhook.length} webhooks, ${receiver.counts("/resend/emails").size} emails, ${receiver.counts("/audit").size} audit forwards; jobs ${JSON.stringify(db.jobs)}`,
  );
});
