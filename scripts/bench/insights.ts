/**
 * `npm run bench:insights`: getInsights() on 100,000 seeded requests, on PostgreSQL and on the
 * embedded database, in this process (no HTTP), as the insights page and GET /insights call it.
 *
 *   npm run bench:insights                                   # both databases
 *   npm run bench:insights -- --db postgres --runs 100 --days 7,30,90,365
 *   npm run bench:insights -- --db embedded --pglite-dir /tmp/pglite-insights   # keep PGlite's seeded files
 *
 * PostgreSQL: the database `timebox_insights100k` on TEST_DATABASE_URL's server (default
 * postgresql://postgres@127.0.0.1:5432/postgres) is created, migrated and seeded with
 * `seed:large` when needed and kept for the next run (seeding is idempotent; --fresh drops it
 * first). Embedded: PGlite in memory (or in --pglite-dir), migrated and seeded on each start
 * unless the folder already holds the seed; the app's pool size is used (5, one transaction at
 * a time), PostgreSQL gets the app's 10.
 *
 * Per database and window (--days, default 7, 30 and 90: the page's three ranges; 90 days
 * hold every seeded request) it reports getInsights' median and p95 over --runs calls after warm-up, the same
 * figures counted straight from access_requests as the baseline (and checks that both agree),
 * EXPLAIN ANALYZE of each statement with the indexes it uses, and the machine (cores, RAM,
 * load average before and after).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { createClientOn, createPool, type Db } from "@/lib/db";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { getInsights, insightStatements, insightWindow } from "@/lib/insights/get-insights";
import { insightsFromRequests, referenceStatements, type ReferenceInsights } from "@/lib/insights/insights-from-requests";
import { foldInsightDeltas } from "@/lib/insights/fold-insights";
import type { Actor } from "@/lib/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_SERVER_URL, migrate, runTool, withClient } from "./lib/database";
import { bin } from "./lib/app";
import { fmt, summarize, type Summary } from "./lib/stats";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "postgres,embedded" },
    runs: { type: "string", default: "50" },
    warmup: { type: "string", default: "5" },
    days: { type: "string", default: "7,30,90" },
    requests: { type: "string", default: "100000" },
    "pglite-dir": { type: "string" },
    fresh: { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const WINDOWS = args.days!.split(",").map(Number);
const REQUESTS = Number(args.requests);
const PG_DATABASE = "timebox_insights100k";
// Dates go to the server as UTC, as Prisma's adapter sends them (created_at is UTC without a zone).
pg.defaults.parseInputDatesAsUTC = true;

const admin: Actor = { id: "bench", email: "bench@example.com", name: null, isAdmin: true, groupIds: new Set(), groupNames: ["admin"] };
const log = (line: string) => process.stderr.write(`[bench:insights] ${line}\n`);
const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(" / ");

type WindowResult = { days: number; inWindow: number; fast: Summary; reference: Summary; agree: boolean; plans: { name: string; plan: string; verdict: string }[] };
type DbResult = { kind: "postgres" | "embedded"; label: string; setup: string[]; windows: WindowResult[]; loadBefore: string; loadAfter: string };

async function onServer<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  return withClient(process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL, work);
}

async function postgresDatabase(): Promise<{ url: string; label: string; stop: () => Promise<void> }> {
  const server = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL);
  const version = await onServer(async (c) => {
    if (args.fresh) await c.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
    const exists = (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [PG_DATABASE])).rowCount;
    if (!exists) await c.query(`CREATE DATABASE ${PG_DATABASE}`);
    return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  });
  server.pathname = `/${PG_DATABASE}`;
  return { url: server.toString(), label: `PostgreSQL ${version} (server on ${server.host}, database ${PG_DATABASE})`, stop: async () => undefined };
}

async function embeddedDatabase(): Promise<{ url: string; label: string; stop: () => Promise<void> }> {
  const dir = args["pglite-dir"] ?? null;
  const embedded = await startEmbeddedPostgres(dir);
  const version = await withClient(embedded.url, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v);
  return { url: embedded.url, label: `embedded PGlite (PostgreSQL ${version} in WASM, ${dir ? `files in ${dir}` : "in memory"}, served on loopback by this process)`, stop: embedded.stop };
}

const SCAN = /(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan)(?: Backward)?(?: using (\S+))? on (\S+)/g;

function verdict(plan: string): string {
  const scans = [...new Set([...plan.matchAll(SCAN)].map((m) => `${m[1]}${m[2] ? ` using ${m[2]}` : ""} on ${m[3]}`))];
  const ms = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
  // Only access_requests grows with the requests; the rollups grow with days × keys, the rest with the organisation.
  return `${ms ? `${fmt(Number(ms))} ms: ` : ""}${scans.map((s) => (s === "Seq Scan on access_requests" ? `**${s}**` : s)).join("; ")}`;
}

async function explain(url: string, sql: Prisma.Sql): Promise<string> {
  return withClient(url, async (c) => {
    const result = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values as unknown[]);
    return result.rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function benchDatabase(kind: DbResult["kind"]): Promise<DbResult> {
  const database = kind === "postgres" ? await postgresDatabase() : await embeddedDatabase();
  const setup: string[] = [];
  let client: Db | undefined;
  try {
    log(`${kind}: ${database.label}`);
    let t = performance.now();
    await migrate(database.url);
    setup.push(`migrations applied in ${fmt((performance.now() - t) / 1000)} s`);
    const count = async () => withClient(database.url, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM access_requests")).rows[0]!.n);
    if ((await count()) < REQUESTS) {
      log(`${kind}: seeding ${REQUESTS.toLocaleString("en")} requests`);
      t = performance.now();
      const out = await runTool(bin("tsx"), ["scripts/seed-large.ts", "--skip-migrate", "--requests", String(REQUESTS)], { DATABASE_URL: database.url }, { quiet: true });
      setup.push(`seed:large in ${fmt((performance.now() - t) / 1000)} s (${/Status mix: (.*)/.exec(out)?.[1] ?? "?"})`);
    } else setup.push("seed:large already there");
    client = createClientOn(createPool(database.url, kind === "embedded" ? 5 : 10));
    // What the sweep does every 15 s: deltas left by the seed (or anything since) go into the rollups.
    t = performance.now();
    const folded = await foldInsightDeltas(client);
    setup.push(`fold of the insight deltas the sweep would do: ${folded.toLocaleString("en")} moved in ${fmt(performance.now() - t)} ms`);
    const sizes = await withClient(database.url, async (c) =>
      (
        await c.query<{ r: number; a: number; b: number; x: number }>(`SELECT (SELECT count(*)::int FROM access_requests) r,
          (SELECT count(*)::int FROM request_day_counts) a, (SELECT count(*)::int FROM requester_day_counts) b,
          (SELECT count(*)::int FROM insight_deltas) x`)
      ).rows[0]!,
    );
    setup.push(
      `rows: ${sizes.r.toLocaleString("en")} access_requests; rollups ${sizes.a.toLocaleString("en")} request_day_counts, ${sizes.b.toLocaleString("en")} requester_day_counts, ${sizes.x} unfolded deltas`,
    );

    const loadBefore = loadavg();
    const windows: WindowResult[] = [];
    for (const days of WINDOWS) {
      const now = new Date();
      const w = insightWindow(now, days);
      const inWindow = await withClient(database.url, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM access_requests WHERE created_at >= $1", [w.since])).rows[0]!.n);
      log(`${kind}: ${days} days (${inWindow} requests): getInsights × ${RUNS}`);
      const fast = await time(() => getInsights(admin, { days }, now, client));
      const reference = await time(() => insightsFromRequests(client!, w));
      const [got, want] = [await getInsights(admin, { days }, now, client), await insightsFromRequests(client, w)];
      const pick = (i: ReferenceInsights) => JSON.stringify([i.requestsPerDay, i.timeToDecision, i.topRequesters, i.topConnections]);
      const agree = pick(got) === pick(want);
      const plans: WindowResult["plans"] = [];
      for (const [name, sql] of Object.entries(insightStatements(w, now))) {
        const plan = await explain(database.url, sql);
        plans.push({ name, plan, verdict: verdict(plan) });
      }
      for (const [name, sql] of Object.entries(referenceStatements(w))) {
        const plan = await explain(database.url, sql);
        plans.push({ name: `reference: ${name}`, plan, verdict: verdict(plan) });
      }
      windows.push({ days, inWindow, fast: summarize(fast), reference: summarize(reference), agree, plans });
    }
    return { kind, label: database.label, setup, windows, loadBefore, loadAfter: loadavg() };
  } finally {
    await client?.$disconnect().catch(() => undefined);
    await database.stop();
  }
}

function report(results: DbResult[], started: Date): string {
  const cpu = os.cpus();
  const out: string[] = [];
  out.push(`### Run of ${started.toISOString().slice(0, 16).replace("T", " ")} UTC`, "");
  out.push(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; ` +
      `${RUNS} timed calls per figure after ${WARMUP} warm-up calls, one after another.`,
    "",
  );
  for (const r of results) {
    out.push(`#### ${r.kind === "postgres" ? "PostgreSQL" : "Embedded (PGlite)"}`, "", `Database: ${r.label}. Load average (1/5/15 min) before: ${r.loadBefore}, after: ${r.loadAfter}.`, "");
    for (const s of r.setup) out.push(`- ${s}`);
    out.push("", "| Window | Requests in it | getInsights median | p95 | Same figures from access_requests: median | p95 | Agree |", "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const w of r.windows) {
      out.push(`| ${w.days} days | ${w.inWindow.toLocaleString("en")} | ${fmt(w.fast.median)} ms | ${fmt(w.fast.p95)} ms | ${fmt(w.reference.median)} ms | ${fmt(w.reference.p95)} ms | ${w.agree ? "yes" : "**no**"} |`);
    }
    out.push("");
    for (const w of r.windows) {
      out.push(`Scans, ${w.days} days:`, "");
      for (const p of w.plans) out.push(`- ${p.name}: ${p.verdict}`);
      out.push("");
    }
    const first = r.windows.find((w) => w.days === 30) ?? r.windows[0];
    if (first) {
      out.push(`<details><summary>EXPLAIN ANALYZE, ${r.kind}, ${first.days} days</summary>`, "");
      for (const p of first.plans.filter((p) => !p.name.startsWith("reference"))) out.push(`${p.name}:`, "", "```", p.plan, "```", "");
      out.push("</details>", "");
    }
  }
  return out.join("\n");
}

async function main() {
  const started = new Date();
  const kinds = args.db!.split(",").map((k) => k.trim()) as DbResult["kind"][];
  for (const k of kinds) if (k !== "postgres" && k !== "embedded") throw new Error(`--db takes postgres, embedded or both (got ${k})`);
  const results: DbResult[] = [];
  for (const kind of kinds) results.push(await benchDatabase(kind));
  process.stdout.write(`${report(results, started)}\n`);
  if (results.some((r) => r.windows.some((w) => !w.agree))) {
    log("the rollups and access_requests disagree");
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(`bench:insights failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
