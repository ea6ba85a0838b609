/**
 * `kill -9` of the server in the middle of work: a sweep over many due grants, and a burst
 * of approvals. Right after the kill and again after a restart, no request may be in an
 * illegal state, every transition must have its audit event and outbox job, and the audit
 * hash chain must verify.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminApi,
  adminOf,
  api,
  auditChain,
  chaosDatabase,
  deploymentEnv,
  invariantViolations,
  pool,
  restartInstance,
  sleep,
  startInstance,
  waitFor,
  withPg,
  type Caller,
  type Instance,
} from "./harness";
import type { BenchDatabase } from "../../scripts/bench/lib/database";

const DUE_GRANTS = 30_000;

describe("kill -9 during a sweep", () => {
  let database: BenchDatabase;
  let app: Instance;

  beforeAll(async () => {
    database = await chaosDatabase();
    app = await startInstance(deploymentEnv(database), "sweep-victim");
    const admin = adminApi(app.url, adminOf(app));
    await admin.connection({ name: "open-db", approvalGroups: [] });
    const requester = await admin.user("sweep-requester@chaos.test");
    // Many auto-approved grants that are already due, written as the app writes them: the
    // request, its created and approved events (through the audit chain trigger) and its
    // outbox jobs (already delivered, to keep the dispatcher out of it).
    await withPg(database.url, async (c) => {
      const connectionId = (await c.query<{ id: string }>("SELECT id FROM connections WHERE name = 'open-db'")).rows[0]!.id;
      await c.query("BEGIN");
      await c.query(
        `INSERT INTO access_requests (id, connection_id, requester_id, status, duration_seconds, reason, created_at, decided_at, expires_at, auto_approved)
         SELECT 'due_' || lpad(i::text, 6, '0'), $1, $2, 'APPROVED', 600, 'chaos: due grant',
                now() - interval '20 minutes', now() - interval '20 minutes', now() - interval '10 minutes' + (i % 500) * interval '1 second', true
         FROM generate_series(1, $3::int) i`,
        [connectionId, requester.id, DUE_GRANTS],
      );
      for (const action of ["request.created", "request.approved"]) {
        await c.query(
          `INSERT INTO audit_events (at, actor_id, actor_email, action, request_id, connection_id, target_type, target_id, data)
           SELECT r.created_at, r.requester_id, $2, $1, r.id, r.connection_id, 'access_request', r.id, '{}'::jsonb
           FROM access_requests r WHERE r.id LIKE 'due\\_%' ORDER BY r.id`,
          [action, requester.email],
        );
      }
      for (const type of ["request.created", "request.approved"]) {
        await c.query(
          `INSERT INTO outbox_jobs (id, kind, payload, dedupe_key, status, request_id, done_at)
           SELECT 'job_' || $1 || r.id, 'request.event', jsonb_build_object('type', $1::text, 'requestId', r.id), $1 || ':' || r.id, 'DONE', r.id, now()
           FROM access_requests r WHERE r.id LIKE 'due\\_%'`,
          [type],
        );
      }
      await c.query("COMMIT");
      await c.query("ANALYZE");
    });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("leaves every grant either APPROVED (not yet swept) or EXECUTED with its event, and the next sweep finishes the job", async () => {
    expect(await invariantViolations(database.url)).toEqual([]);
    const cron = { Authorization: `Bearer ${app.env.CRON_SECRET}` };
    const executed = () => withPg(database.url, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM access_requests WHERE status = 'EXECUTED'")).rows[0]!.n);

    const sweep = fetch(`${app.url}/api/cron/expire`, { method: "POST", headers: cron }).then(
      (r) => r.status,
      () => "cut off",
    );
    // Kill it once a few batches have committed, well before the end.
    const before = await waitFor("the sweep to commit its first batches", async () => ((await executed()) >= 1_500 ? await executed() : null), 60_000, 20);
    await app.kill9();
    expect(await sweep).toBe("cut off");
    // A batch is one statement: one already sent runs to its end (whole) in PostgreSQL after
    // the app is gone. Count once the dead instance's sessions have left.
    await waitFor("the killed instance's sessions to end", async () =>
      withPg(database.url, async (c) => {
        const others = await c.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        return others.rowCount === 0 ? true : null;
      }), 60_000, 50);
    const atKill = await executed();
    console.log(`kill -9 during the sweep: ${before} EXECUTED when the kill was sent, ${atKill} after it (of ${DUE_GRANTS})`);
    expect(atKill).toBeLessThan(DUE_GRANTS);

    // The database alone, before any restart: every committed batch is whole, the cut one is gone.
    expect(await invariantViolations(database.url)).toEqual([]);
    await withPg(database.url, async (c) => {
      const lingering = await c.query("SELECT pid, state FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'");
      expect(lingering.rows).toEqual([]);
    });

    app = await restartInstance(app, "sweep-victim (restarted)");
    expect(await auditChain(app)).toMatchObject({ ok: true });
    const finish = await api<{ expired: number }>(app.url, "POST", "/api/cron/expire", { token: app.env.CRON_SECRET });
    expect(finish.status).toBe(200);
    expect(finish.body.expired).toBe(DUE_GRANTS - atKill);
    expect(await executed()).toBe(DUE_GRANTS);
    expect(await invariantViolations(database.url)).toEqual([]);
    const chain = await auditChain(app);
    expect(chain).toMatchObject({ ok: true });
    expect(chain.checked).toBeGreaterThanOrEqual(3 * DUE_GRANTS);
  });
});

describe("kill -9 during a burst of approvals", () => {
  let database: BenchDatabase;
  let app: Instance;
  let requestIds: string[] = [];
  let approvers: Caller[] = [];

  beforeAll(async () => {
    database = await chaosDatabase();
    app = await startInstance(deploymentEnv(database, { TIMEBOX_SCHEDULER: "1", TIMEBOX_REQUESTS_PER_MINUTE: "10000" }), "approval-victim");
    const admin = adminApi(app.url, adminOf(app));
    await admin.group("dba");
    await admin.group("security");
    const emails = ["dba1", "dba2", "dba3", "sec1"].map((n) => `${n}@chaos.test`);
    const ids: string[] = [];
    for (const email of emails) ids.push((await admin.user(email)).id);
    await admin.members("dba", emails.slice(0, 3));
    await admin.members("security", [emails[3]!]);
    approvers = await Promise.all(ids.map((id) => admin.token(id)));
    const connections: string[] = [];
    for (let i = 0; i < 10; i++) {
      await admin.connection({ name: `burst-db-${i}`, approvalGroups: [{ name: "dba", minApprovals: 2 }, "security"] });
      connections.push(`burst-db-${i}`);
    }
    const requesters: Caller[] = [];
    for (let i = 0; i < 20; i++) requesters.push(await admin.token((await admin.user(`burst-requester${i}@chaos.test`)).id));
    const pairs = requesters.flatMap((r) => connections.map((c) => ({ r, c })));
    requestIds = await pool(pairs, 8, async ({ r, c }) => {
      const res = await api<{ id: string }>(app.url, "POST", "/api/v1/access-requests", r, { connection: c, duration: "2h", reason: "chaos: burst" });
      expect(res.status).toBe(201);
      return res.body.id;
    });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("keeps every request legal and the audit chain whole across the kill, and the retried burst completes", async () => {
    const calls = requestIds.flatMap((id) => approvers.map((approver) => ({ id, approver })));
    calls.sort(() => Math.random() - 0.5);
    let answered = 0;
    const outcomes: (number | string)[] = [];
    const burst = pool(calls, 16, async ({ id, approver }) => {
      try {
        const res = await api(app.url, "POST", `/api/v1/access-requests/${id}/approve`, approver, {});
        answered++;
        outcomes.push(res.status);
      } catch {
        outcomes.push("cut off");
      }
    });
    await waitFor("a third of the burst to be answered", async () => answered >= calls.length / 3, 120_000, 10);
    await app.kill9();
    await burst;
    const cut = outcomes.filter((o) => o === "cut off").length;
    const statuses = outcomes.filter((o) => typeof o === "number");
    expect(statuses.filter((s) => s !== 200 && s !== 409), JSON.stringify(statuses)).toEqual([]);
    expect(cut).toBeGreaterThan(0);

    const progress = await withPg(database.url, async (c) => (await c.query<{ status: string; n: number }>("SELECT status::text, count(*)::int AS n FROM access_requests GROUP BY 1")).rows);
    console.log(`kill -9 during approvals: ${answered} of ${calls.length} calls answered before the kill, ${cut} cut off; states ${JSON.stringify(progress)}`);
    expect(await invariantViolations(database.url)).toEqual([]);

    app = await restartInstance(app, "approval-victim (restarted)");
    expect(await auditChain(app)).toMatchObject({ ok: true });

    // Clients retry everything; approving twice is harmless.
    const retried = await pool(calls, 16, async ({ id, approver }) => (await api(app.url, "POST", `/api/v1/access-requests/${id}/approve`, approver, {})).status);
    expect(retried.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    const states = await withPg(database.url, async (c) => (await c.query<{ status: string }>("SELECT status::text FROM access_requests")).rows.map((r) => r.status));
    expect(new Set(states)).toEqual(new Set(["APPROVED"]));
    expect(await invariantViolations(database.url)).toEqual([]);
    const approvalsPerRequest = await withPg(database.url, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM approvals GROUP BY request_id")).rows.map((r) => r.n));
    // Two of three dba approvers plus security complete a request; a third dba approval after that is refused (409).
    expect(approvalsPerRequest.every((n) => n === 3 || n === 4)).toBe(true);
    expect(await auditChain(app)).toMatchObject({ ok: true });
    await sleep(100);
  });
});
