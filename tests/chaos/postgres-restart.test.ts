/**
 * PostgreSQL goes away under load and comes back: while it is down, API calls and
 * /api/health answer 503 (never 500, never a hang past the pool's connect timeout), and
 * once it is back the same app process serves again without a restart.
 *
 * This stops the machine's shared PostgreSQL cluster for a few seconds, which is why it
 * lives only in `npm run test:chaos`; it is started again in a finally block and by the
 * suite's teardown, whatever happens.
 */
import { spawnSync } from "node:child_process";
import pg from "pg";
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adminApi, adminOf, api, auditChain, chaosDatabase, deploymentEnv, invariantViolations, sleep, startInstance, waitFor, type Caller, type Instance } from "./harness";
import { ensurePostgresRunning } from "./global-setup";
import { KNOWN_GAPS } from "./known-gaps";
import { withPg } from "./harness";
import type { BenchDatabase } from "../../scripts/bench/lib/database";

const DOWN_MS = 4_000;
const version = readdirSync("/etc/postgresql")[0]!;

function pgctl(action: "stop" | "start"): void {
  const result = spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", action, ...(action === "stop" ? ["-m", "fast"] : [])], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pg_ctlcluster ${action} failed: ${result.stderr}`);
}

let database: BenchDatabase;
let app: Instance;

beforeAll(async () => {
  database = await chaosDatabase();
  app = await startInstance(
    deploymentEnv(database, { TIMEBOX_SCHEDULER: "1", TIMEBOX_SWEEP_INTERVAL_SECONDS: "1", TIMEBOX_OUTBOX_INTERVAL_MS: "200", TIMEBOX_REQUESTS_PER_MINUTE: "100000" }),
    "pg-restart",
  );
});

afterAll(async () => {
  ensurePostgresRunning();
  await app?.stop();
  await database?.drop();
});

type Sample = { at: number; phase: "before" | "down" | "after"; what: string; status: number | "error"; ms: number };

it("answers 503 while PostgreSQL is down and recovers without a restart", async () => {
  const admin = adminApi(app.url, adminOf(app));
  await admin.connection({ name: "open-db", approvalGroups: [] });
  const user = await admin.user("load@chaos.test");
  const caller: Caller = await admin.token(user.id);
  const pid = app.pid;

  let phase: Sample["phase"] = "before";
  const samples: Sample[] = [];
  let stop = false;
  let n = 0;
  const calls: [string, () => Promise<number>][] = [
    ["health", async () => (await api(app.url, "GET", "/api/health", {})).status],
    ["access", async () => (await api(app.url, "GET", "/api/v1/connections/open-db/access", caller)).status],
    ["list", async () => (await api(app.url, "GET", "/api/v1/access-requests?mine=1", caller)).status],
    ["create", async () => (await api(app.url, "POST", "/api/v1/access-requests", caller, { connection: "open-db", duration: "1m", reason: `load ${n++}` })).status],
  ];
  const worker = async (offset: number) => {
    for (let i = offset; !stop; i++) {
      const [what, call] = calls[i % calls.length]!;
      const start = performance.now();
      const at = Date.now();
      const p = phase;
      let status: Sample["status"];
      try {
        status = await call();
      } catch {
        status = "error";
      }
      samples.push({ at, phase: p, what, status, ms: performance.now() - start });
    }
  };
  const load = Promise.all([0, 1, 2, 3].map(worker));

  let downAt = 0;
  let upAt = 0;
  let recoveredAt = 0;
  try {
    await sleep(3_000);
    phase = "down";
    downAt = Date.now();
    pgctl("stop");
    await sleep(DOWN_MS);
  } finally {
    pgctl("start");
    upAt = Date.now();
    phase = "after";
  }
  await waitFor("/api/health to answer 200 again", async () => (await api(app.url, "GET", "/api/health", {})).status === 200, 60_000, 100);
  recoveredAt = Date.now();
  await sleep(4_000);
  stop = true;
  await load;

  expect(app.pid).toBe(pid);
  expect(app.child.exitCode).toBeNull();

  const tally = (list: Sample[]) => {
    const t: Record<string, number> = {};
    for (const s of list) t[`${s.what} ${s.status}`] = (t[`${s.what} ${s.status}`] ?? 0) + 1;
    return t;
  };
  const down = samples.filter((s) => s.at >= downAt + 200 && s.at < upAt);
  const settled = samples.filter((s) => s.at >= recoveredAt + 1_000);
  console.log(
    `PostgreSQL down ${upAt - downAt} ms, healthy again ${recoveredAt - upAt} ms after start.\n` +
      `  before: ${JSON.stringify(tally(samples.filter((s) => s.phase === "before")))}\n` +
      `  down:   ${JSON.stringify(tally(down))} (slowest ${Math.round(Math.max(0, ...down.map((s) => s.ms)))} ms)\n` +
      `  after:  ${JSON.stringify(tally(samples.filter((s) => s.phase === "after")))}`,
  );
  const unhandled = app.output().split("\n").filter((l) => /Unhandled|Error|error:/.test(l));
  if (unhandled.length) console.log(`server log, errors:\n${unhandled.slice(0, 40).join("\n")}`);

  // Never a 500 or a dropped connection, whatever the phase. While KNOWN_GAPS.terminatingConnection
  // is open, a call whose statement was cut off by the shutdown itself may still be a 500: those
  // are counted against the server's log and reported, anything else fails.
  const bad = samples.filter((s) => s.status === "error" || (typeof s.status === "number" && s.status >= 500 && s.status !== 503));
  const cutOff = (app.output().match(/terminating connection due to administrator command/g) ?? []).length;
  const tolerated = KNOWN_GAPS.terminatingConnection ? bad.filter((s) => s.status === 500 && Math.abs(s.at - downAt) < 2_000).slice(0, cutOff) : [];
  if (tolerated.length) console.log(`known gap (terminatingConnection): ${tolerated.length} call(s) cut off by the shutdown answered 500 instead of 503`);
  expect(bad.filter((s) => !tolerated.includes(s))).toEqual([]);
  // While it is down: 503s, from the API and from the health check.
  expect(down.filter((s) => s.status !== 503).map((s) => `${s.what} ${s.status}`)).toEqual([]);
  expect(down.some((s) => s.what === "health")).toBe(true);
  expect(down.some((s) => s.what !== "health")).toBe(true);
  // No call hangs while it is down: the pool gives up connecting within its 5 s timeout.
  expect(Math.max(...down.map((s) => s.ms))).toBeLessThan(10_000);
  // Back to normal, same process.
  expect(recoveredAt - upAt).toBeLessThan(30_000);
  expect(settled.length).toBeGreaterThan(10);
  expect(settled.filter((s) => s.status !== 200 && s.status !== 201).map((s) => `${s.what} ${s.status}`)).toEqual([]);

  expect(await invariantViolations(database.url)).toEqual([]);
  expect(await auditChain(app)).toMatchObject({ ok: true });
});

/**
 * Transactions in flight when the server goes away: each must give its pool connection back.
 * They are held open deterministically: a session outside the app holds the audit chain's
 * advisory lock, so every transition waits on it, inside its transaction, when PostgreSQL
 * stops. With a pool of 3 and 3 such transactions, a leak leaves the app with no connection.
 */
(KNOWN_GAPS.poolLeakOnDeadTransaction ? it.fails : it)("recovers even when every pooled connection was inside a transaction at the shutdown", async () => {
  const small = await startInstance(deploymentEnv(database, { DATABASE_POOL_SIZE: "3", TIMEBOX_REQUESTS_PER_MINUTE: "100000" }), "pg-restart-pool-3");
  try {
    const admin = adminApi(small.url, adminOf(small));
    await admin.connection({ name: "open-db-2", approvalGroups: [] });
    const caller = await admin.token((await admin.user("pool@chaos.test")).id);
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    blocker.on("error", () => undefined);
    await blocker.query("SELECT pg_advisory_lock(727003)");
    const inFlight = [1, 2, 3].map(() => api(small.url, "POST", "/api/v1/access-requests", caller, { connection: "open-db-2", duration: "1m", reason: "held" }).catch(() => null));
    await waitFor(
      "three transactions waiting on the audit lock",
      () => withPg(database.url, async (c) => (await c.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rowCount! >= 3),
      20_000,
      100,
    );
    try {
      pgctl("stop");
      await sleep(1_000);
    } finally {
      pgctl("start");
    }
    await Promise.all(inFlight);
    await blocker.end().catch(() => undefined);
    await waitFor("/api/health to answer 200 again", async () => (await api(small.url, "GET", "/api/health", {})).status === 200, 30_000, 250);
    const after = await api(small.url, "POST", "/api/v1/access-requests", caller, { connection: "open-db-2", duration: "1m", reason: "after" });
    expect(after.status).toBe(201);
  } finally {
    await small.stop();
  }
});
