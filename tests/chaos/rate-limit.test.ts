/**
 * Resource limits: one user fires 10,000 create calls at a running server as fast as it
 * answers them (autocannon, 20 connections, from another process). They are throttled with
 * 429 after TIMEBOX_REQUESTS_PER_MINUTE (default 20) per minute, nothing answers 5xx, and
 * meanwhile another user's calls keep succeeding, quickly.
 *
 * Whether the 10,000 fit in one minute depends on the machine: a refused create costs a token
 * lookup, the user's groups and a count (about 4 ms of server CPU unloaded). The test
 * checks the limit per minute-window the flood spans, and logs the flood's duration and rate.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { root } from "../../scripts/bench/lib/app";
import { percentile } from "../../scripts/bench/lib/stats";
import { adminApi, adminOf, api, chaosDatabase, deploymentEnv, sleep, startInstance, withPg, type Caller, type Instance } from "./harness";
import type { BenchDatabase } from "../../scripts/bench/lib/database";

const FLOOD = 10_000;
const LIMIT = 20; // the default of TIMEBOX_REQUESTS_PER_MINUTE

let database: BenchDatabase;
let app: Instance;

beforeAll(async () => {
  database = await chaosDatabase();
  app = await startInstance(deploymentEnv(database), "rate-limited");
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

type Cannon = { statusCodeStats?: Record<string, { count: number }>; errors: number; timeouts: number; duration: number; requests: { total: number } };

function flood(url: string, token: string, body: string): Promise<Cannon> {
  return new Promise((resolve, reject) => {
    const args = [path.join(root, "node_modules", "autocannon", "autocannon.js"), "-c", "20", "-a", String(FLOOD), "-m", "POST", "-j"];
    args.push("-H", `Authorization=Bearer ${token}`, "-H", "Content-Type=application/json", "-b", body, url);
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Cannon) : reject(new Error(`autocannon exited ${code}`))));
  });
}

it(`throttles ${FLOOD.toLocaleString("en")} creates from one user with 429 within a minute while another user carries on`, async () => {
  const admin = adminApi(app.url, adminOf(app));
  await admin.connection({ name: "open-db", approvalGroups: [] });
  await admin.connection({ name: "other-db", approvalGroups: [] });
  const script: Caller = await admin.token((await admin.user("runaway-script@chaos.test")).id);
  const colleague: Caller = await admin.token((await admin.user("colleague@chaos.test")).id);

  const started = Date.now();
  const flooding = flood(`${app.url}/api/v1/access-requests`, script.token!, JSON.stringify({ connection: "open-db", duration: "1m", reason: "runaway" }));
  // Meanwhile the colleague works normally: checks access, lists, opens a request now and then.
  const latencies: Record<string, number[]> = { access: [], list: [], create: [] };
  const colleagueStatuses: number[] = [];
  let done = false;
  void flooding.finally(() => (done = true));
  let creates = 0;
  await sleep(500);
  while (!done) {
    for (const [what, call] of [
      ["access", () => api(app.url, "GET", "/api/v1/connections/other-db/access", colleague)],
      ["list", () => api(app.url, "GET", "/api/v1/access-requests?mine=1", colleague)],
      ...(creates < 10 ? [["create", () => api(app.url, "POST", "/api/v1/access-requests", colleague, { connection: "other-db", duration: "1m", reason: "work" })] as const] : []),
    ] as const) {
      const res = await call();
      if (what === "create") creates++;
      latencies[what]!.push(res.ms);
      colleagueStatuses.push(res.status);
    }
    await sleep(250);
  }
  const result = await flooding;
  const seconds = (Date.now() - started) / 1000;
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const created = await withPg(database.url, async (c) =>
    (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM access_requests r JOIN users u ON u.id = r.requester_id WHERE u.email = 'runaway-script@chaos.test'")).rows[0]!.n,
  );
  const p95 = Object.fromEntries(Object.entries(latencies).map(([k, v]) => [k, Math.round(percentile(v, 95))]));
  console.log(
    `rate limit: ${FLOOD} creates in ${seconds.toFixed(1)} s (${Math.round(FLOOD / seconds)}/s), statuses ${JSON.stringify(codes)}, ${created} created; ` +
      `colleague: ${colleagueStatuses.length} calls, statuses ${JSON.stringify(countBy(colleagueStatuses))}, p95 ms ${JSON.stringify(p95)}`,
  );

  expect(result.errors + result.timeouts).toBe(0);
  expect(seconds).toBeLessThan(240);
  expect(Object.keys(codes).filter((c) => c.startsWith("5"))).toEqual([]);
  expect((codes["201"] ?? 0) + (codes["429"] ?? 0)).toBe(FLOOD);
  expect(created).toBe(codes["201"]);
  // The limit is a count, then an insert in another statement: calls in flight together can
  // pass it together, so with 20 connections up to 19 more than the limit slip through in a
  // window (reported; see the closing notes of docs/BENCHMARKS.md).
  const windows = Math.ceil(seconds / 60);
  expect(created).toBeGreaterThanOrEqual(LIMIT);
  expect(created).toBeLessThanOrEqual(windows * (LIMIT + 19));
  console.log(`rate limit: ${created} created over ${windows} minute window(s): ${created - windows * LIMIT} above the limit of ${LIMIT}/min`);
  // The colleague was never throttled or failed, and was served within 2 s throughout.
  expect(new Set(colleagueStatuses)).toEqual(new Set([200, 201]));
  expect(colleagueStatuses.length).toBeGreaterThan(10);
  expect(Math.max(...Object.values(p95))).toBeLessThan(2_000);
});

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
