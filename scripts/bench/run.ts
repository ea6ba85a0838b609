/**
 * `npm run bench`: B1–B5 on the embedded database and on PostgreSQL, each against
 * `next start` of a production build on 127.0.0.1, every figure next to a baseline
 * measured in the same run. Appends the run to docs/BENCHMARKS.md.
 *
 *   npm run bench                          # both databases, 100,000 seeded requests
 *   npm run bench -- --db postgres         # one database
 *   npm run bench -- --quick               # 10,000 requests, shorter runs (a smoke test)
 *   npm run bench -- --no-write            # print, do not touch docs/BENCHMARKS.md
 *
 * Traffic goes only to 127.0.0.1. Nothing here is part of `npm test`.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { bin, prepareAppSnapshot, removeSnapshot, root, startApp, treeRssKiB, type AppServer } from "./lib/app";
import { embeddedDatabase, migrate, runTool, serverDatabase, type BenchDatabase } from "./lib/database";
import { api, demoSignIn, timedGet, type Caller } from "./lib/http";
import { fmt, percentile, ratio, summarize, type Summary } from "./lib/stats";
import { ACTOR_SQL, DECIDED_SQL, MINE_SQL, REVIEWABLE_COUNT_SQL, REVIEWABLE_SQL } from "./b2-sql";

const { values: opts } = parseArgs({
  options: {
    db: { type: "string", default: "embedded,postgres" },
    requests: { type: "string" },
    quick: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
  },
});
const QUICK = opts.quick;
const REQUESTS = Number(opts.requests ?? (QUICK ? 10_000 : 100_000));
const B1_SECONDS = QUICK ? 4 : 10;
const B1_ROUNDS = QUICK ? 1 : 2;
const B2_SAMPLES = QUICK ? 40 : 200;
const B3_ROWS = QUICK ? 2_000 : 10_000;
const B3_ROUNDS = QUICK ? 1 : 3;
const B4_SAMPLES = QUICK ? 10 : 30;
const B5_STARTS = QUICK ? 2 : 5;
const DOC = path.join(root, "docs", "BENCHMARKS.md");

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------
// Results

type Row = {
  id: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
};

type DbResult = {
  kind: BenchDatabase["kind"];
  label: string;
  setup: string[];
  rows: Row[];
  plans: { title: string; plan: string; verdict: string }[];
  notes: string[];
};

const ms = (s: Summary) => `median ${fmt(s.median)} ms · p95 ${fmt(s.p95)} ms`;

// ---------------------------------------------------------------------------------------
// Machine

function machine(): string[] {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
  let commit = "unknown";
  let dirty = "";
  try {
    commit = readFileSync(path.join(root, ".git", "HEAD"), "utf8").trim();
    if (commit.startsWith("ref: ")) commit = readFileSync(path.join(root, ".git", commit.slice(5)), "utf8").trim();
    commit = commit.slice(0, 10);
  } catch {
    // not a git checkout
  }
  try {
    const status = spawnText("git", ["status", "--porcelain", "--untracked-files=no"]);
    dirty = status.trim() ? ` (working tree has ${status.trim().split("\n").length} modified tracked file(s))` : "";
  } catch {
    // no git
  }
  return [
    `CPU: ${cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
    `RAM: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    `Node ${process.version}, ${os.type()} ${os.release()}`,
    `Load average at start: ${load} (the machine is shared; ratios to same-run baselines are the figures to compare)`,
    `Commit ${commit}${dirty}`,
  ];
}

function spawnText(command: string, args: string[]): string {
  return spawnSync(command, args, { cwd: root, encoding: "utf8" }).stdout ?? "";
}

// ---------------------------------------------------------------------------------------
// Helpers

function appEnv(database: BenchDatabase, adminToken: string): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    // As npm start configures them: a small pool on the embedded database (its transactions run one at a time).
    DATABASE_POOL_SIZE: database.kind === "embedded" ? "5" : "10",
    AUTH_SECRET: randomBytes(33).toString("base64"),
    CRON_SECRET: randomBytes(24).toString("base64url"),
    TIMEBOX_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    TIMEBOX_BOOTSTRAP_ADMIN_TOKEN: adminToken,
    TIMEBOX_DEMO: "1",
    TIMEBOX_ALLOW_DEMO_IN_PRODUCTION: "1",
    // No background sweep or outbox polling between measurements; B3 runs the sweep itself.
    TIMEBOX_SCHEDULER: "0",
    // B4 opens many requests as one user.
    TIMEBOX_REQUESTS_PER_MINUTE: "100000",
  };
}

type Autocannon = {
  requests: { average: number; p50: number; p2_5: number; p97_5: number; total: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
};

/** autocannon in its own process; samples the server's RSS while it runs. */
async function autocannon(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  server?: AppServer,
  overallRate?: number,
): Promise<{ result: Autocannon; rssKiB: number[] }> {
  const args = [path.join(root, "node_modules", "autocannon", "autocannon.js"), "-c", "10", "-d", String(seconds), "-j"];
  if (overallRate) args.push("-R", String(overallRate));
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}=${v}`);
  args.push(url);
  const rssKiB: number[] = [];
  const sampler = server ? setInterval(() => rssKiB.push(server.rssKiB()), 250) : null;
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.stderr.on("data", (c: Buffer) => (err += c));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`autocannon failed (${code}): ${err}`))));
  });
  if (sampler) clearInterval(sampler);
  return { result: JSON.parse(output) as Autocannon, rssKiB };
}

/** A bare Node HTTP server: B5's baseline for start-up time and memory. */
async function bareNodeStart(): Promise<{ readyMs: number; rssKiB: number }> {
  const port = await new Promise<number>((resolve) => {
    const probe = http.createServer().listen(0, "127.0.0.1", () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => resolve(p));
    });
  });
  const started = performance.now();
  const child = spawn(process.execPath, ["-e", `require("http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1")`], { stdio: "ignore" });
  let readyMs = -1;
  for (let i = 0; i < 400; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      await res.arrayBuffer();
      if (res.ok) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not yet
    }
    await sleep(10);
  }
  await sleep(500);
  const rssKiB = treeRssKiB(child.pid!);
  child.kill("SIGKILL");
  return { readyMs, rssKiB };
}

async function timedQuery(client: pg.Client, sql: string, params: unknown[]): Promise<number> {
  const start = performance.now();
  await client.query(sql, params);
  return performance.now() - start;
}

function worker(database: BenchDatabase, command: string, args: unknown): Promise<unknown> {
  return runTool(bin("tsx"), [path.join(root, "scripts", "bench", "worker.ts"), command, JSON.stringify(args)], { DATABASE_URL: database.url, NODE_ENV: "production", AUTH_SECRET: randomBytes(33).toString("base64") }, { quiet: true }).then(
    (output) => {
      const line = output.split("\n").find((l) => l.startsWith("RESULT "));
      if (!line) throw new Error(`worker ${command} printed no result:\n${output.slice(-2000)}`);
      return JSON.parse(line.slice("RESULT ".length));
    },
  );
}

const SCAN = /(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan)(?: using (\S+))? on (\S+)/g;
const BIG_TABLES = new Set(["access_requests", "approvals", "request_groups", "audit_events"]);

function planVerdict(plan: string): string {
  const scans = [...plan.matchAll(SCAN)].map((m) => ({ kind: m[1]!, index: m[2], table: m[3]! }));
  const seqOnBig = scans.filter((s) => s.kind === "Seq Scan" && BIG_TABLES.has(s.table));
  const described = [...new Set(scans.map((s) => `${s.kind}${s.index ? ` using ${s.index}` : ""} on ${s.table}`))].join("; ");
  return seqOnBig.length
    ? `**sequential scan on ${[...new Set(seqOnBig.map((s) => s.table))].join(", ")}** (${described})`
    : `index scans only on the large tables (${described})`;
}

async function explain(client: pg.Client, sql: string, params: unknown[]): Promise<string> {
  const result = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  return result.rows.map((r) => r["QUERY PLAN"]).join("\n");
}

// ---------------------------------------------------------------------------------------
// One database

async function benchDatabase(kind: BenchDatabase["kind"], appDir: string): Promise<DbResult> {
  const database = kind === "postgres" ? await serverDatabase("timebox_bench", { name: "timebox_bench" }) : await embeddedDatabase();
  const result: DbResult = { kind, label: database.label, setup: [], rows: [], plans: [], notes: [] };
  const client = new pg.Client({ connectionString: database.url });
  const servers: AppServer[] = [];
  try {
    log(`${kind}: ${database.label}`);
    let t = performance.now();
    await migrate(database.url);
    result.setup.push(`migrations applied in ${fmt((performance.now() - t) / 1000)} s`);
    t = performance.now();
    const seedOutput = await runTool(bin("tsx"), ["scripts/seed-large.ts", "--skip-migrate", "--requests", String(REQUESTS)], { DATABASE_URL: database.url }, { quiet: true });
    const mix = /Status mix: (.*)/.exec(seedOutput)?.[1] ?? "?";
    result.setup.push(`seed:large: ${REQUESTS.toLocaleString("en")} requests, 1,000 users, 200 connections, 50 groups in ${fmt((performance.now() - t) / 1000)} s (${mix})`);
    log(`${kind}: seeded (${result.setup.at(-1)})`);
    await client.connect();
    const counts = (await client.query<{ r: number; e: number; a: number }>("SELECT (SELECT count(*)::int FROM access_requests) r, (SELECT count(*)::int FROM audit_events) e, (SELECT count(*)::int FROM approvals) a")).rows[0]!;
    result.setup.push(`rows: ${counts.r.toLocaleString("en")} access_requests, ${counts.a.toLocaleString("en")} approvals, ${counts.e.toLocaleString("en")} audit_events`);

    const adminToken = `bench-admin-${randomBytes(16).toString("hex")}`;
    const env = appEnv(database, adminToken);
    const admin: Caller = { token: adminToken };

    // ---- B5: start-up, spawn of an already-built `next start` to the first 200 from /api/health.
    log(`${kind}: B5 start-up × ${B5_STARTS}`);
    const startMs: number[] = [];
    let app: AppServer | undefined;
    for (let i = 0; i < B5_STARTS; i++) {
      app = await startApp({ appDir, env, name: `bench-${kind}` });
      startMs.push(app.readyMs);
      if (i < B5_STARTS - 1) await app.stop();
    }
    servers.push(app!);
    const bare: { readyMs: number; rssKiB: number }[] = [];
    for (let i = 0; i < B5_STARTS; i++) bare.push(await bareNodeStart());
    await sleep(5_000);
    const idleRss: number[] = [];
    for (let i = 0; i < 5; i++) {
      idleRss.push(app!.rssKiB());
      await sleep(200);
    }

    // ---- Fixtures through the API, as an operator would make them.
    const liveGrant = (
      await client.query<{ requester_id: string; name: string }>(
        `SELECT r.requester_id, c.name FROM access_requests r JOIN connections c ON c.id = r.connection_id
         WHERE r.status = 'APPROVED' AND r.expires_at > now() + interval '30 minutes' AND r.starts_at IS NULL AND r.extends_request_id IS NULL
         ORDER BY r.id LIMIT 1`,
      )
    ).rows[0];
    if (!liveGrant) throw new Error("the seed has no live grant for B1");
    const adminIds = (await client.query<{ user_id: string }>("SELECT m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id WHERE g.name = 'admin'")).rows.map((r) => r.user_id);
    const reviewer = (
      await client.query<{ id: string; email: string; n: number }>(
        `SELECT u.id, u.email, count(DISTINCT r.id)::int AS n FROM users u
         JOIN group_members m ON m.user_id = u.id JOIN request_groups g ON g.group_id = m.group_id
         JOIN access_requests r ON r.id = g.request_id AND r.status = 'PENDING' AND r.requester_id <> u.id
         WHERE u.id <> ALL($1::text[]) GROUP BY u.id ORDER BY n DESC, u.id LIMIT 1`,
        [adminIds],
      )
    ).rows[0]!;
    const requester = (
      await client.query<{ id: string; email: string; n: number }>(
        `SELECT u.id, u.email, count(*)::int AS n FROM access_requests r JOIN users u ON u.id = r.requester_id
         WHERE u.id <> ALL($1::text[]) GROUP BY u.id ORDER BY n DESC, u.id LIMIT 1`,
        [adminIds],
      )
    ).rows[0]!;
    const mint = async (userId: string) => {
      const res = await api<{ token: string }>(app!.url, "POST", `/api/v1/users/${userId}/tokens`, admin, { name: "bench" });
      if (res.status !== 201) throw new Error(`minting a token failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token;
    };
    const b1Token = await mint(liveGrant.requester_id);
    const reviewerCaller: Caller = { token: await mint(reviewer.id) };
    const requesterCaller: Caller = { token: await mint(requester.id) };
    const reviewerSession = await demoSignIn(app!.url, reviewer.email);
    const requesterSession = await demoSignIn(app!.url, requester.email);
    result.setup.push(
      `B2 users: reviewer ${reviewer.email} (${reviewer.n} pending requests in their groups), requester ${requester.email} (${requester.n} requests)`,
    );

    // ---- B1: access check vs /api/ping, autocannon in another process, interleaved rounds.
    log(`${kind}: B1 access check vs /api/ping (${B1_ROUNDS} × ${B1_SECONDS} s each)`);
    const accessUrl = `${app!.url}/api/v1/connections/${encodeURIComponent(liveGrant.name)}/access`;
    const probe = await api<{ allowed: boolean }>(app!.url, "GET", `/api/v1/connections/${encodeURIComponent(liveGrant.name)}/access`, { token: b1Token });
    if (probe.status !== 200 || probe.body.allowed !== true) throw new Error(`B1 access check did not allow: ${probe.status} ${JSON.stringify(probe.body)}`);
    await autocannon(`${app!.url}/api/ping`, {}, 2);
    await autocannon(accessUrl, { Authorization: `Bearer ${b1Token}` }, 2);
    const ping: Autocannon[] = [];
    const access: Autocannon[] = [];
    const loadRss: number[] = [];
    for (let round = 0; round < B1_ROUNDS; round++) {
      ping.push((await autocannon(`${app!.url}/api/ping`, {}, B1_SECONDS)).result);
      const run = await autocannon(accessUrl, { Authorization: `Bearer ${b1Token}` }, B1_SECONDS, app);
      access.push(run.result);
      loadRss.push(...run.rssKiB);
    }
    const avg = (list: Autocannon[], pick: (a: Autocannon) => number) => list.reduce((s, a) => s + pick(a), 0) / list.length;
    const accessRps = avg(access, (a) => a.requests.average);
    const pingRps = avg(ping, (a) => a.requests.average);
    const accessP99 = Math.max(...access.map((a) => a.latency.p99));
    const pingP99 = Math.max(...ping.map((a) => a.latency.p99));
    const failures = access.reduce((s, a) => s + a.non2xx + a.errors + a.timeouts, 0) + ping.reduce((s, a) => s + a.non2xx + a.errors + a.timeouts, 0);
    result.rows.push(
      {
        id: "B1",
        figure: "Access check throughput (10 connections)",
        value: `${fmt(accessRps)} req/s (per-second median ${fmt(avg(access, (a) => a.requests.p50))})`,
        baseline: `/api/ping ${fmt(pingRps)} req/s (per-second median ${fmt(avg(ping, (a) => a.requests.p50))})`,
        ratio: ratio(accessRps, pingRps),
        target: "≥ 0.50× baseline",
        met: accessRps >= 0.5 * pingRps,
      },
      {
        id: "B1",
        figure: "Access check latency",
        value: `p50 ${fmt(avg(access, (a) => a.latency.p50))} ms · p97.5 ${fmt(avg(access, (a) => a.latency.p97_5))} ms · p99 ${fmt(accessP99)} ms`,
        baseline: `/api/ping p50 ${fmt(avg(ping, (a) => a.latency.p50))} ms · p97.5 ${fmt(avg(ping, (a) => a.latency.p97_5))} ms · p99 ${fmt(pingP99)} ms`,
        ratio: `p99 ${ratio(accessP99, pingP99)}`,
        target: "p99 ≤ 20 ms",
        met: accessP99 <= 20,
      },
    );
    // At saturation a closed loop of 10 connections waits in line (p50 ≈ 10 / throughput), so
    // the p99 above is mostly queueing. The same check paced at half its own throughput shows
    // the latency a caller sees while the server keeps up.
    const pacedRate = Math.max(10, Math.round(accessRps / 2 / 10) * 10);
    const pacedPing: Autocannon[] = [];
    const paced: Autocannon[] = [];
    for (let round = 0; round < B1_ROUNDS; round++) {
      pacedPing.push((await autocannon(`${app!.url}/api/ping`, {}, B1_SECONDS, undefined, pacedRate)).result);
      paced.push((await autocannon(accessUrl, { Authorization: `Bearer ${b1Token}` }, B1_SECONDS, undefined, pacedRate)).result);
    }
    const pacedP99 = Math.max(...paced.map((a) => a.latency.p99));
    const pacedPingP99 = Math.max(...pacedPing.map((a) => a.latency.p99));
    const pacedFailures = [...paced, ...pacedPing].reduce((s, a) => s + a.non2xx + a.errors + a.timeouts, 0);
    result.rows.push({
      id: "B1",
      figure: `Access check latency at a steady ${pacedRate} req/s (half its throughput)`,
      value: `${fmt(avg(paced, (a) => a.requests.average))} req/s · p50 ${fmt(avg(paced, (a) => a.latency.p50))} ms · p97.5 ${fmt(avg(paced, (a) => a.latency.p97_5))} ms · p99 ${fmt(pacedP99)} ms`,
      baseline: `/api/ping at ${pacedRate} req/s: p50 ${fmt(avg(pacedPing, (a) => a.latency.p50))} ms · p97.5 ${fmt(avg(pacedPing, (a) => a.latency.p97_5))} ms · p99 ${fmt(pacedPingP99)} ms`,
      ratio: `p99 ${ratio(pacedP99, pacedPingP99)}`,
      target: "p99 ≤ 20 ms",
      met: pacedP99 <= 20,
    });
    if (failures + pacedFailures) result.notes.push(`B1: ${failures + pacedFailures} non-2xx responses, errors or timeouts during the autocannon runs.`);
    result.notes.push(
      `B1: autocannon reports latency percentiles p50/p97.5/p99 (no p95); throughput and p50/p97.5 are averaged over ${B1_ROUNDS} interleaved ${B1_SECONDS}-second rounds, p99 is the worst round's.`,
    );

    // ---- B2: review queue and my requests, API and pages, vs hand-written SQL through pg.
    log(`${kind}: B2 lists and pages (${B2_SAMPLES} sequential samples each)`);
    const groupIds = (await client.query<{ group_id: string }>("SELECT group_id FROM group_members WHERE user_id = $1", [reviewer.id])).rows.map((r) => r.group_id);
    const get = (p: string, caller: Caller) => async () => {
      const r = await timedGet(`${app!.url}${p}`, caller.token ? { Authorization: `Bearer ${caller.token}` } : { Cookie: caller.cookie! });
      if (r.status !== 200) throw new Error(`GET ${p} answered ${r.status}`);
      return r.ms;
    };
    const q = (sql: string, params: unknown[]) => () => timedQuery(client, sql, params);
    const qs = (...parts: [string, unknown[]][]) => async () => {
      let total = 0;
      for (const [sql, params] of parts) total += await timedQuery(client, sql, params);
      return total;
    };
    const b2: { figure: string; app: () => Promise<number>; base: () => Promise<number>; baseName: string }[] = [
      {
        figure: "API GET /access-requests?reviewable=1 (25 per page)",
        app: get("/api/v1/access-requests?reviewable=1", reviewerCaller),
        base: q(REVIEWABLE_SQL, [reviewer.id, groupIds, 26]),
        baseName: "the queue page in one SQL statement",
      },
      {
        figure: "API GET /access-requests?mine=1 (25 per page)",
        app: get("/api/v1/access-requests?mine=1", requesterCaller),
        base: q(MINE_SQL, [requester.id, 26, null]),
        baseName: "the page in one SQL statement",
      },
      {
        figure: "Page /reviews (queue and decided tabs, 20 each)",
        app: get("/reviews", { cookie: reviewerSession.cookie }),
        base: qs([ACTOR_SQL, [reviewer.id]], [REVIEWABLE_COUNT_SQL, [reviewer.id, groupIds]], [REVIEWABLE_SQL, [reviewer.id, groupIds, 21]], [DECIDED_SQL, [reviewer.id, 21]]),
        baseName: "its 4 statements (user, badge count, queue, decided)",
      },
      {
        figure: "Page /requests (20 newest + active grants)",
        app: get("/requests", { cookie: requesterSession.cookie }),
        base: qs([ACTOR_SQL, [requester.id]], [REVIEWABLE_COUNT_SQL, [requester.id, []]], [MINE_SQL, [requester.id, 21, null]], [MINE_SQL, [requester.id, 101, "APPROVED"]]),
        baseName: "its 4 statements (user, badge count, page, approved)",
      },
    ];
    for (const item of b2) {
      // Interleave app and baseline samples so both see the same machine noise.
      for (let i = 0; i < Math.ceil(B2_SAMPLES / 10); i++) {
        await item.app();
        await item.base();
      }
      const appSamples: number[] = [];
      const baseSamples: number[] = [];
      for (let i = 0; i < B2_SAMPLES; i++) {
        appSamples.push(await item.app());
        baseSamples.push(await item.base());
      }
      const a = summarize(appSamples);
      const b = summarize(baseSamples);
      result.rows.push({
        id: "B2",
        figure: item.figure,
        value: ms(a),
        baseline: `${item.baseName}: ${ms(b)}`,
        ratio: `p95 ${ratio(a.p95, b.p95)}`,
        target: "p95 ≤ 2× baseline and ≤ 50 ms",
        met: a.p95 <= 2 * b.p95 && a.p95 <= 50,
      });
    }
    result.notes.push(
      "B2: time is measured by the client over loopback, sequentially (one request in flight), from sending the request to the last byte of the body; it is the server's time plus a loopback round trip. Baselines run through `pg` from the benchmark process, interleaved with the app's samples.",
    );

    // EXPLAIN (ANALYZE): the SQL the app sends (captured from Prisma's query events) and the hand-written baselines.
    const orm = (await worker(database, "orm-queries", { reviewerId: reviewer.id, requesterId: requester.id })) as Record<string, { sql: string; params: unknown[] }[]>;
    for (const [name, queries] of Object.entries(orm)) {
      const main = queries.find((qq) => /FROM "public"\."access_requests"/.test(qq.sql) && /ORDER BY/.test(qq.sql)) ?? queries[0];
      if (!main) continue;
      const plan = await explain(client, main.sql, main.params);
      result.plans.push({
        title: `App (Prisma) ${name === "reviewable" ? "review queue, reviewable=1" : "my requests, mine=1"}: ${queries.length === 1 ? "the page in one statement, relations included" : `the page query (1 of ${queries.length} statements; the others load relations by primary/foreign key)`}`,
        plan: `${main.sql}\n\n${plan}`,
        verdict: planVerdict(plan),
      });
      for (const other of queries.filter((qq) => qq !== main)) {
        const otherPlan = await explain(client, other.sql, other.params);
        const verdict = planVerdict(otherPlan);
        if (verdict.startsWith("**")) result.plans.push({ title: `App (Prisma) ${name}: relation query`, plan: `${other.sql}\n\n${otherPlan}`, verdict });
      }
    }
    for (const [title, sql, params] of [
      ["Baseline SQL: review queue", REVIEWABLE_SQL, [reviewer.id, groupIds, 26]],
      ["Baseline SQL: my requests", MINE_SQL, [requester.id, 26, null]],
    ] as const) {
      const plan = await explain(client, sql, [...params]);
      result.plans.push({ title, plan, verdict: planVerdict(plan) });
    }

    // Where B1's and B2's time goes: the domain functions in-process (Prisma, no HTTP) next to SQL.
    const parts = (await worker(database, "decompose", { reviewerId: reviewer.id, requesterId: requester.id, token: b1Token, connection: liveGrant.name, samples: QUICK ? 30 : 100 })) as Record<string, number[]>;
    const med = (k: string) => fmt(percentile(parts[k]!, 50));
    const p95of = (k: string) => fmt(percentile(parts[k]!, 95));
    const b2Api = result.rows.filter((r) => r.id === "B2");
    // The same comparison without HTTP: what the app's query layer costs next to hand-written
    // SQL, both from one process (the HTTP rows above add Next.js and the token check to the
    // app's side only).
    for (const [figure, app, base] of [
      ["listRequests() in-process, review queue (no HTTP)", "reviewableOrm", "reviewableSql"],
      ["listRequests() in-process, my requests (no HTTP)", "mineOrm", "mineSql"],
    ] as const) {
      const a = summarize(parts[app]!);
      const b = summarize(parts[base]!);
      result.rows.push({
        id: "B2",
        figure,
        value: ms(a),
        baseline: `the page in one SQL statement through pg, same process: ${ms(b)}`,
        ratio: `p95 ${ratio(a.p95, b.p95)}`,
        target: "p95 ≤ 2× baseline and ≤ 50 ms",
        met: a.p95 <= 2 * b.p95 && a.p95 <= 50,
      });
    }
    result.notes.push(
      `B1/B2 decomposition (in a worker process, sequential; median / p95 ms): ` +
        `access check in-process as the route runs it (checkTokenAccess: token, user and groups, connection, grant) ${med("accessOrm")} / ${p95of("accessOrm")} vs the same in one SQL statement ${med("accessSql")} / ${p95of("accessSql")}; ` +
        `review queue listRequests() ${med("reviewableOrm")} / ${p95of("reviewableOrm")} vs SQL ${med("reviewableSql")} / ${p95of("reviewableSql")}, then over HTTP ${b2Api[0]?.value ?? "?"}; ` +
        `my requests listRequests() ${med("mineOrm")} / ${p95of("mineOrm")} vs SQL ${med("mineSql")} / ${p95of("mineSql")}, then over HTTP ${b2Api[1]?.value ?? "?"}.`,
    );
    if (!QUICK) {
      log(`${kind}: B1 CPU profile of the server under the access-check load`);
      result.notes.push(`B1 CPU profile of the server during ${B1_SECONDS} s of access checks (self time by package): ${await profileAccess(appDir, env, accessUrl.replace(app!.url, ""), b1Token)}.`);
    }

    // ---- B4: decision to requester, approve call → waiting long-poll sees APPROVED.
    log(`${kind}: B4 decision to requester × ${B4_SAMPLES} (same instance, then across two instances)`);
    const b4 = await setupB4(app!.url, admin, B4_SAMPLES * 2);
    const sameInstance = await runB4(app!, app!, b4, 0, B4_SAMPLES);
    const second = await startApp({ appDir, env, name: `bench-${kind}-2` });
    servers.push(second);
    const crossInstance = await runB4(app!, second, b4, B4_SAMPLES, B4_SAMPLES);
    await second.stop();
    for (const [label, r] of [
      ["Approve → waiting CLI long-poll sees APPROVED (same instance)", sameInstance],
      ["… waiting on a second instance (it polls the database every second)", crossInstance],
    ] as const) {
      result.rows.push({
        id: "B4",
        figure: label,
        value: ms(summarize(r.seen)),
        baseline: `the approve call itself: ${ms(summarize(r.approve))}`,
        ratio: `p95 ${ratio(percentile(r.seen, 95), percentile(r.approve, 95))}`,
        target: "p95 ≤ 2 s",
        met: percentile(r.seen, 95) <= 2_000,
      });
    }

    // ---- B5: footprint under load and the start-up figures from above.
    const bareRss = summarize(bare.map((b) => b.rssKiB / 1024));
    result.rows.push(
      {
        id: "B5",
        figure: "Spawn of built `next start` → first 200 from /api/health",
        value: ms(summarize(startMs)),
        baseline: `bare Node HTTP server spawn → first 200: ${ms(summarize(bare.map((b) => b.readyMs)))}`,
        ratio: `median ${ratio(percentile(startMs, 50), percentile(bare.map((b) => b.readyMs), 50))}`,
        target: "report",
        met: null,
      },
      {
        id: "B5",
        figure: "Server RSS, idle after start",
        value: `median ${fmt(percentile(idleRss, 50) / 1024)} MiB`,
        baseline: `bare Node HTTP server: ${fmt(bareRss.median)} MiB`,
        ratio: ratio(percentile(idleRss, 50) / 1024, bareRss.median),
        target: "report",
        met: null,
      },
      {
        id: "B5",
        figure: "Server RSS under B1 load",
        value: `median ${fmt(percentile(loadRss, 50) / 1024)} MiB · p95 ${fmt(percentile(loadRss, 95) / 1024)} MiB · max ${fmt(Math.max(...loadRss) / 1024)} MiB`,
        baseline: `idle ${fmt(percentile(idleRss, 50) / 1024)} MiB`,
        ratio: ratio(percentile(loadRss, 95), percentile(idleRss, 50)),
        target: "report",
        met: null,
      },
    );

    // ---- B3: the sweep vs one bulk UPDATE, in a worker process (domain code, not HTTP).
    try {
      // PGlite runs one 10,000-row round in minutes; one round there, three on PostgreSQL.
      const b3Rounds = kind === "embedded" ? 1 : B3_ROUNDS;
      log(`${kind}: B3 sweep of ${B3_ROWS} due grants × ${b3Rounds} vs bulk UPDATE`);
      const sweep = (await worker(database, "sweep", { rows: B3_ROWS, rounds: b3Rounds })) as { sweepMs: number[]; bulkMs: number[]; setMs: number[]; checks: string[] };
      const s = summarize(sweep.sweepMs);
      const bulk = summarize(sweep.bulkMs);
      const setBased = summarize(sweep.setMs);
      result.rows.push({
        id: "B3",
        figure: `Sweep: ${B3_ROWS.toLocaleString("en")} due grants → EXECUTED with audit events and outbox jobs (${b3Rounds} round${b3Rounds > 1 ? "s" : ""})`,
        value: `median ${fmt(s.median / 1000)} s · p95 ${fmt(s.p95 / 1000)} s`,
        baseline: `one bulk UPDATE of ${B3_ROWS.toLocaleString("en")} rows: median ${fmt(bulk.median / 1000)} s · p95 ${fmt(bulk.p95 / 1000)} s`,
        ratio: `median ${ratio(s.median, bulk.median)}`,
        target: "≤ 3× baseline and ≤ 5 s",
        met: s.median <= 3 * bulk.median && s.p95 <= 5_000,
      });
      result.rows.push({
        id: "B3",
        figure: "(floor) The same writes as one SQL statement: UPDATE + an audit event per row (hash-chain trigger) + an outbox job per row",
        value: `median ${fmt(setBased.median / 1000)} s · p95 ${fmt(setBased.p95 / 1000)} s`,
        baseline: `bulk UPDATE: median ${fmt(bulk.median / 1000)} s`,
        ratio: `median ${ratio(setBased.median, bulk.median)}`,
        target: "diagnostic",
        met: null,
      });
      result.notes.push(`B3 checks: ${sweep.checks.join("; ")}.`);
    } catch (error) {
      result.rows.push({ id: "B3", figure: "Sweep", value: `failed: ${String((error as Error).message).split("\n").slice(0, 3).join(" ")}`, baseline: "", ratio: "", target: "≤ 3× baseline and ≤ 5 s", met: false });
    }

    await sleep(3_000);
    const afterRss = app!.rssKiB();
    result.notes.push(`B5: RSS idle again after all benchmarks: ${fmt(afterRss / 1024)} MiB.`);
    return result;
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    await client.end().catch(() => undefined);
    await database.drop().catch((e: unknown) => log(`dropping ${database.label} failed: ${(e as Error).message}`));
  }
}

/** A profiled `next start` under the B1 access-check load: self time by package. */
async function profileAccess(appDir: string, env: Record<string, string>, accessPath: string, token: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "timebox-prof-"));
  const server = await startApp({ appDir, env, name: "bench-profiled", nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  try {
    await autocannon(`${server.url}${accessPath}`, { Authorization: `Bearer ${token}` }, B1_SECONDS);
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) return "no profile written";
  type Node = { id: number; callFrame: { functionName: string; url: string } };
  const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  rmSync(dir, { recursive: true, force: true });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const { url, functionName } = byId.get(id)!.callFrame;
    let key: string;
    if (url.startsWith("wasm://")) key = "Prisma query compiler (WASM)";
    else if (url.includes("node_modules/")) {
      const rest = url.slice(url.lastIndexOf("node_modules/") + "node_modules/".length).split("/");
      key = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    } else if (url.includes("/.next/")) key = "app code (.next bundles)";
    else if (url.startsWith("node:") || url === "") key = functionName.startsWith("(") ? functionName : "Node.js internals (sockets, streams, async hooks)";
    else key = url.split("/").slice(-1)[0]!;
    byPackage.set(key, (byPackage.get(key) ?? 0) + dt);
  });
  const idle = byPackage.get("(idle)") ?? 0;
  return [...byPackage]
    .filter(([k]) => k !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([k, v]) => `${k} ${((v / (total - idle)) * 100).toFixed(0)}%`)
    .join(", ");
}

type B4Fixture = { requester: Caller; approver: Caller; connections: string[] };

async function setupB4(url: string, admin: Caller, n: number): Promise<B4Fixture> {
  const tag = randomBytes(3).toString("hex");
  const must = async (method: string, p: string, body: unknown, status = [200, 201]) => {
    const res = await api(url, method, p, admin, body);
    if (!status.includes(res.status)) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  const group = `bench-b4-${tag}`;
  await must("POST", "/api/v1/groups", { name: group });
  const requester = await must("POST", "/api/v1/users", { email: `b4-requester-${tag}@bench.test`, name: "B4 requester" });
  const approver = await must("POST", "/api/v1/users", { email: `b4-approver-${tag}@bench.test`, name: "B4 approver" });
  await must("PUT", `/api/v1/groups/${group}/members`, { emails: [approver.email] });
  const connections: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `bench-b4-${tag}-${i}`;
    await must("POST", "/api/v1/connections", { name, type: "postgres", approvalGroups: [group], maxDuration: "1h", defaultDuration: "30m", autoApproveAdmins: false });
    connections.push(name);
  }
  const token = async (id: unknown) => ((await must("POST", `/api/v1/users/${id}/tokens`, { name: "bench" })) as { token: string }).token;
  return { requester: { token: await token(requester.id) }, approver: { token: await token(approver.id) }, connections };
}

async function runB4(approveOn: AppServer, waitOn: AppServer, f: B4Fixture, from: number, n: number): Promise<{ seen: number[]; approve: number[] }> {
  const seen: number[] = [];
  const approve: number[] = [];
  for (let i = from; i < from + n; i++) {
    const created = await api<{ id: string; status: string }>(approveOn.url, "POST", "/api/v1/access-requests", f.requester, { connection: f.connections[i], duration: "30m", reason: "bench B4" });
    if (created.status !== 201 || created.body.status !== "PENDING") throw new Error(`B4 create: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id;
    const first = await api<{ fingerprint: string }>(waitOn.url, "GET", `/api/v1/access-requests/${id}/wait?timeout=0`, f.requester);
    const waiting = (async () => {
      const res = await api<{ request: { status: string } }>(waitOn.url, "GET", `/api/v1/access-requests/${id}/wait?since=${first.body.fingerprint}&timeout=30`, f.requester);
      return { at: performance.now(), status: res.body.request?.status };
    })();
    await sleep(200); // the long-poll is parked on the server
    const t0 = performance.now();
    const approved = await api<{ status: string }>(approveOn.url, "POST", `/api/v1/access-requests/${id}/approve`, f.approver, {});
    approve.push(performance.now() - t0);
    if (approved.status !== 200 || approved.body.status !== "APPROVED") throw new Error(`B4 approve: ${approved.status} ${JSON.stringify(approved.body)}`);
    const outcome = await waiting;
    if (outcome.status !== "APPROVED") throw new Error(`B4: the waiting client saw ${outcome.status}`);
    seen.push(outcome.at - t0);
  }
  return { seen, approve };
}

// ---------------------------------------------------------------------------------------
// Report

function render(started: Date, durationS: number, machineLines: string[], results: DbResult[]): string {
  const out: string[] = [];
  out.push(`## Run of ${started.toISOString().slice(0, 16).replace("T", " ")} UTC${QUICK ? " (quick mode: smaller seed, shorter runs)" : ""}`, "");
  out.push(...machineLines.map((l) => `- ${l}`), `- Whole run: ${fmt(durationS / 60)} min`, "");
  for (const r of results) {
    out.push(`### ${r.kind === "postgres" ? "PostgreSQL" : "Embedded (PGlite)"}`, "", `Database: ${r.label}.`, "");
    out.push(...r.setup.map((l) => `- ${l}`), "");
    out.push("| | Figure | Measured | Baseline (same run) | Ratio | Target | Met |", "| --- | --- | --- | --- | --- | --- | --- |");
    for (const row of r.rows) {
      out.push(`| ${row.id} | ${row.figure} | ${row.value} | ${row.baseline} | ${row.ratio} | ${row.target} | ${row.met === null ? "—" : row.met ? "yes" : "**no**"} |`);
    }
    out.push("");
    out.push(...r.notes.map((n) => `- ${n}`), "");
    out.push("<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the B2 queries</summary>", "");
    for (const p of r.plans) {
      out.push(`**${p.title}** — ${p.verdict}`, "", "```", p.plan, "```", "");
    }
    out.push("</details>", "");
  }
  return out.join("\n");
}

async function main() {
  const started = new Date();
  const machineLines = machine();
  const kinds = opts.db.split(",").map((k) => k.trim()) as BenchDatabase["kind"][];
  for (const k of kinds) if (k !== "embedded" && k !== "postgres") throw new Error(`--db takes embedded, postgres or both (got ${k})`);
  log(`machine: ${machineLines.join(" | ")}`);
  const appDir = prepareAppSnapshot(log);
  const results: DbResult[] = [];
  try {
    for (const kind of kinds) {
      try {
        results.push(await benchDatabase(kind, appDir));
      } catch (error) {
        // Keep what the other database measured; say plainly that this one failed.
        log(`${kind}: failed: ${(error as Error).stack ?? String(error)}`);
        results.push({ kind, label: kind, setup: [], rows: [], plans: [], notes: [`**This database's run failed:** ${String((error as Error).message).split("\n")[0]}`] });
      }
    }
  } finally {
    removeSnapshot(appDir);
  }
  const markdown = render(started, (Date.now() - started.getTime()) / 1000, machineLines, results);
  console.log(`\n${markdown}`);
  if (!opts["no-write"]) {
    if (!existsSync(DOC)) writeFileSync(DOC, "# Benchmarks\n\nRuns of `npm run bench`, newest last.\n\n");
    appendFileSync(DOC, `\n${markdown}\n`);
    log(`appended to ${path.relative(root, DOC)}`);
  }
  const missed = results.flatMap((r) => r.rows.filter((row) => row.met === false).map((row) => `${r.kind} ${row.id} ${row.figure}`));
  if (missed.length) log(`targets missed: ${missed.join("; ")}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
