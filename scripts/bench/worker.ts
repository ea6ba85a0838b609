/**
 * The in-process half of the benchmarks, run as its own process (DATABASE_URL set) so the
 * domain code runs the way the app runs it: the benchmark process may host the embedded
 * database, and nothing else should share its event loop with the code being measured.
 *
 *   tsx scripts/bench/worker.ts orm-queries '<json: {reviewerId, requesterId}>'
 *     → the SQL the app sends for the review queue and my requests, with parameters
 *   tsx scripts/bench/worker.ts sweep '<json: {rows, rounds}>'
 *     → B3: expireGrants() over `rows` due grants vs one bulk UPDATE of as many, alternating
 *
 * Prints one JSON line prefixed with RESULT.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const [command, rawArgs] = process.argv.slice(2);
const args = JSON.parse(rawArgs ?? "{}");

type Captured = { sql: string; params: unknown[] };

/** The app's own client (lib/db.ts reads this holder first), with query events switched on. */
function installCapturingClient(): Captured[] {
  const captured: Captured[] = [];
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL!, max: 4 });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (e) => {
    let params: unknown[] = [];
    try {
      params = JSON.parse(e.params);
    } catch {
      // leave empty
    }
    captured.push({ sql: e.query, params });
  });
  (globalThis as unknown as { timeboxPrisma?: PrismaClient }).timeboxPrisma = client;
  return captured;
}

async function ormQueries() {
  const captured = installCapturingClient();
  const { db } = await import("@/lib/db");
  const { loadActor } = await import("@/lib/auth/load-actor");
  const { listRequests } = await import("@/lib/access/list-requests");
  const reviewer = (await loadActor(db(), args.reviewerId))!;
  const requester = (await loadActor(db(), args.requesterId))!;
  const out: Record<string, Captured[]> = {};
  for (const [name, actor, query] of [
    ["reviewable", reviewer, { reviewable: "1" }],
    ["mine", requester, { mine: "1" }],
  ] as const) {
    captured.length = 0;
    await listRequests(actor, query);
    out[name] = [...captured];
  }
  await db().$disconnect();
  return out;
}

/** `rows` APPROVED grants that expired 1 s to 10 min before $2, spread over the seeded connections and users. */
const DUE_SQL = `
  INSERT INTO access_requests (id, connection_id, requester_id, status, duration_seconds, reason, created_at, decided_at, expires_at)
  SELECT $1 || lpad(i::text, 6, '0'), ($4::text[])[1 + i % cardinality($4::text[])], ($5::text[])[1 + (i * 7) % cardinality($5::text[])],
         'APPROVED', 3600, 'bench: due grant',
         $2::timestamptz - interval '2 hours', $2::timestamptz - interval '70 minutes', $2::timestamptz - (interval '1 second' * (1 + i % 600))
  FROM generate_series(1, $3::int) AS i`;

/** The sweep's writes as one statement: a floor for what any implementation of it can cost. */
const SET_BASED_SWEEP_SQL = `
  WITH due AS (
    SELECT id FROM access_requests WHERE status = 'APPROVED' AND expires_at <= $1 ORDER BY expires_at FOR UPDATE SKIP LOCKED),
  moved AS (
    UPDATE access_requests a SET status = 'EXECUTED', ended_at = $1 FROM due WHERE a.id = due.id
    RETURNING a.id, a.connection_id, a.expires_at),
  events AS (
    INSERT INTO audit_events (at, action, target_type, target_id, request_id, connection_id, data)
    SELECT $1, 'request.expired', 'access_request', id, id, connection_id, jsonb_build_object('dueAt', expires_at, 'by', 'expiry sweep') FROM moved
    RETURNING 1),
  jobs AS (
    INSERT INTO outbox_jobs (id, kind, payload, dedupe_key, request_id, next_attempt_at)
    SELECT 'bx_' || id, 'request.event', jsonb_build_object('type', 'request.expired', 'requestId', id, 'actorId', null, 'at', $1::timestamptz), 'request.expired:' || id, id, $1 FROM moved
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING 1)
  SELECT (SELECT count(*)::int FROM moved) AS moved, (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM jobs) AS jobs`;

/** B3: time the sweep over `rows` due grants, and one bulk UPDATE of as many, alternating. */
async function sweep() {
  const rows: number = args.rows ?? 10_000;
  const rounds: number = args.rounds ?? 3;
  const { expireGrants } = await import("@/lib/access/expire-grants");
  const { db } = await import("@/lib/db");
  const client = new pg.Client({ connectionString: env().DATABASE_URL! });
  await client.connect();
  const connectionIds = (await client.query<{ id: string }>("SELECT id FROM connections ORDER BY id LIMIT 200")).rows.map((r) => r.id);
  const userIds = (await client.query<{ id: string }>("SELECT id FROM users ORDER BY id LIMIT 1000")).rows.map((r) => r.id);
  // Grants that fell due on their own (the seed's clock is the hour it ran) are swept first,
  // untimed, and the seed's live grants move a month ahead: during the rounds only the rows
  // inserted here are due, so the three measurements move exactly the same number of rows.
  await expireGrants(new Date());
  await client.query("UPDATE access_requests SET expires_at = expires_at + interval '30 days' WHERE status = 'APPROVED' AND id NOT LIKE 'b3%'");
  const runId = Date.now().toString(36);
  const sweepMs: number[] = [];
  const bulkMs: number[] = [];
  const setMs: number[] = [];
  const checks: string[] = [];
  const now = () => new Date();
  for (let round = 0; round < rounds; round++) {
    // The sweep: domain code, in batches, one audit event and outbox job per grant.
    const sweepPrefix = `b3s_${runId}_${round}_`;
    let at = now();
    await client.query(DUE_SQL, [sweepPrefix, at, rows, connectionIds, userIds]);
    await client.query("ANALYZE access_requests");
    at = now();
    const start = performance.now();
    const result = await expireGrants(at);
    sweepMs.push(performance.now() - start);
    const moved = await client.query<{ n: number; events: number; jobs: number }>(
      `SELECT count(*)::int AS n,
        (SELECT count(*)::int FROM audit_events WHERE action = 'request.expired' AND request_id LIKE $1 || '%') AS events,
        (SELECT count(*)::int FROM outbox_jobs WHERE dedupe_key LIKE 'request.expired:' || $1 || '%') AS jobs
       FROM access_requests WHERE id LIKE $1 || '%' AND status = 'EXECUTED'`,
      [sweepPrefix],
    );
    const m = moved.rows[0]!;
    checks.push(`round ${round + 1}: expireGrants moved ${result.expired}; ${m.n} EXECUTED, ${m.events} request.expired events, ${m.jobs} outbox jobs`);
    if (m.n !== rows || m.events !== rows || m.jobs !== rows) throw new Error(`sweep round ${round + 1} incomplete: ${checks.at(-1)}`);

    // The baseline: the same number of rows, one statement, nothing else.
    const bulkPrefix = `b3b_${runId}_${round}_`;
    at = now();
    await client.query(DUE_SQL, [bulkPrefix, at, rows, connectionIds, userIds]);
    await client.query("ANALYZE access_requests");
    at = now();
    const bulkStart = performance.now();
    const updated = await client.query(
      "UPDATE access_requests SET status = 'EXECUTED', ended_at = $1 WHERE status = 'APPROVED' AND expires_at <= $1",
      [at],
    );
    bulkMs.push(performance.now() - bulkStart);
    if (updated.rowCount !== rows) throw new Error(`bulk UPDATE moved ${updated.rowCount}, expected ${rows}`);

    // What the sweep's work costs when the database does all of it in one statement: the same
    // UPDATE plus one audit event (through the hash-chain trigger) and one outbox job per row.
    const setPrefix = `b3x_${runId}_${round}_`;
    at = now();
    await client.query(DUE_SQL, [setPrefix, at, rows, connectionIds, userIds]);
    await client.query("ANALYZE access_requests");
    at = now();
    const setStart = performance.now();
    const set = await client.query<{ moved: number; events: number; jobs: number }>(SET_BASED_SWEEP_SQL, [at]);
    setMs.push(performance.now() - setStart);
    const r = set.rows[0]!;
    if (r.moved !== rows || r.events !== rows || r.jobs !== rows) throw new Error(`set-based sweep moved ${JSON.stringify(r)}, expected ${rows} each`);
  }
  // Leave no pending request.event jobs behind for a server to pick up later.
  await client.query("UPDATE outbox_jobs SET status = 'DONE', done_at = now() WHERE status = 'PENDING' AND request_id LIKE 'b3s_%'");
  await client.end();
  await db().$disconnect();
  return { sweepMs, bulkMs, setMs, checks };
}

const sample = async (n: number, fn: () => Promise<unknown>): Promise<number[]> => {
  for (let i = 0; i < Math.ceil(n / 10); i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
};

/**
 * Where the time of B1 and B2 goes, in-process (no HTTP, no Next.js): the domain functions
 * through Prisma next to the same work in hand-written SQL through pg.
 */
async function decompose() {
  const { db } = await import("@/lib/db");
  const { loadActor } = await import("@/lib/auth/load-actor");
  const { listRequests } = await import("@/lib/access/list-requests");
  const { checkTokenAccess } = await import("@/lib/access/check-access");
  const { REVIEWABLE_SQL, MINE_SQL } = await import("./b2-sql");
  const client = new pg.Client({ connectionString: env().DATABASE_URL! });
  await client.connect();
  const reviewer = (await loadActor(db(), args.reviewerId))!;
  const requester = (await loadActor(db(), args.requesterId))!;
  const n = args.samples ?? 100;
  const out = {
    reviewableOrm: await sample(n, () => listRequests(reviewer, { reviewable: "1" })),
    reviewableSql: await sample(n, () => client.query(REVIEWABLE_SQL, [reviewer.id, [...reviewer.groupIds], 26])),
    mineOrm: await sample(n, () => listRequests(requester, { mine: "1" })),
    mineSql: await sample(n, () => client.query(MINE_SQL, [requester.id, 26, null])),
    accessOrm: await sample(n * 3, () => checkTokenAccess(args.token, args.connection)),
    accessSql: await sample(n * 3, () =>
      client.query(
        `SELECT r.id, r.expires_at FROM api_tokens t
         JOIN users u ON u.id = t.user_id
         JOIN connections c ON c.name = $2
         LEFT JOIN LATERAL (SELECT id, expires_at FROM access_requests r WHERE r.requester_id = u.id AND r.connection_id = c.id AND r.status = 'APPROVED'
           AND r.expires_at > now() AND r.extends_request_id IS NULL AND (r.starts_at IS NULL OR r.starts_at <= now()) ORDER BY r.expires_at DESC LIMIT 1) r ON true
         WHERE t.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex') AND t.revoked_at IS NULL`,
        [args.token, args.connection],
      ),
    ),
  };
  await client.end();
  await db().$disconnect();
  return out;
}

const commands: Record<string, () => Promise<unknown>> = { "orm-queries": ormQueries, sweep, decompose };
const run = commands[command ?? ""];
if (!run) {
  console.error(`usage: worker.ts ${Object.keys(commands).join("|")} '<json>'`);
  process.exit(2);
}
run().then(
  (result) => {
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exit(1);
  },
);
