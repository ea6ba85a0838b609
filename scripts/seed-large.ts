/**
 * `npm run seed:large`: a large, realistic organisation for performance work.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/timebox_large npm run seed:large
 *   DATABASE_URL=... npm run seed:large -- --requests 10000 --users 1000 --connections 200 --groups 50
 *
 * Defaults: 100,000 requests, 1,000 users, 200 connections, 50 groups, seed 42. The data is
 * deterministic (a seeded PRNG and stable ids) and the script is idempotent: rows that already
 * exist are skipped, so a second run adds nothing and a larger --requests adds only the rest.
 * Requests spread over the last 90 days with a realistic status mix: mostly EXECUTED, some
 * REJECTED and REVOKED, live APPROVED grants and a PENDING queue among the most recent.
 * Rows go in as multi-row INSERTs (Prisma createMany) in batches.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseEnv } from "@/lib/env";
import { formatDuration } from "@/lib/access/duration";
import type { Tx } from "@/lib/db";

const root = path.resolve(import.meta.dirname, "..");

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "100000" },
    users: { type: "string", default: "1000" },
    connections: { type: "string", default: "200" },
    groups: { type: "string", default: "50" },
    seed: { type: "string", default: "42" },
    "skip-migrate": { type: "boolean", default: false },
  },
});

const count = (name: keyof typeof args, min: number) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return n;
};
const N = { requests: count("requests", 0), users: count("users", 10), connections: count("connections", 1), groups: count("groups", 2) };
const SEED = count("seed", 0);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    /** `k` distinct items. */
    sample: <T>(items: readonly T[], k: number): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, k);
    },
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const FIRST = ["Ada", "Ben", "Chloe", "Dan", "Eva", "Finn", "Gus", "Hana", "Ivan", "Jade", "Kai", "Lena", "Milo", "Nora", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tess", "Uma", "Vik", "Wen", "Xavi", "Yara", "Zoe"];
const LAST = ["Archer", "Baker", "Costa", "Dietrich", "Evans", "Fischer", "Garcia", "Huang", "Ito", "Jansen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Quist", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zhang"];
const AREAS = ["payments", "billing", "search", "identity", "growth", "platform", "data", "mobile", "infra", "support", "risk", "ledger", "catalog"];
const ROLES = ["dba", "sre", "oncall", "security", "leads", "backend", "analysts"];
const ENVS = ["prod", "staging", "dr", "analytics", "eu-prod", "us-prod"];
const TYPES = [
  ["postgres", 0.4],
  ["mysql", 0.15],
  ["kubernetes", 0.2],
  ["ssh", 0.1],
  ["redis", 0.1],
  ["mongodb", 0.05],
] as const;
const DURATIONS = [30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 24 * HOUR];
const REASONS = [
  (n: number) => `Investigate INC-${n}: checkout latency spike`,
  (n: number) => `Run data fix for SUP-${n} requested by support`,
  (n: number) => `Apply migration ${n} after release`,
  (n: number) => `Debug slow query on orders (ticket OPS-${n})`,
  () => "On-call shift",
  (n: number) => `Verify hotfix ${n} in production`,
  (n: number) => `Export report for finance, ticket FIN-${n}`,
  () => "Rotate credentials after offboarding",
];
const REJECT_NOTES = ["Use the read replica instead", "Please attach a ticket", "Not during the freeze", "Ask the owning team first", ""];

type Id = string;
const userId = (i: number) => `lgu_${pad(i, 6)}`;
const groupId = (i: number) => `lgg_${pad(i, 4)}`;
const connectionId = (i: number) => `lgc_${pad(i, 5)}`;
const requestId = (i: number) => `lgr_${pad(i, 8)}`;

async function migrate(databaseUrl: string) {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code})`))));
  });
}

type Column = { name: string; type: string; /** SQL applied to the unnested value, e.g. a cast. */ as?: string };

/**
 * One multi-row INSERT per call: every column travels as one array parameter and
 * `unnest` turns them back into rows. Prisma's createMany builds the same INSERT but
 * spends about 0.75 ms per row in its JavaScript query engine (measured: 2,000 requests
 * in 1.5 s against 64 ms in the database), which would make 100,000 requests take minutes.
 */
async function insertRows(tx: Tx, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const list = columns.map((c) => `"${c.name}"`).join(", ");
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const values = columns.map((c, i) => (c.as ? c.as.replaceAll("$", `v${i}`) : `v${i}`)).join(", ");
  const aliases = columns.map((_, i) => `v${i}`).join(", ");
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${list}) SELECT ${values} FROM unnest(${arrays}) AS t(${aliases})`,
    ...columns.map((_, i) => rows.map((r) => r[i] ?? null)),
  );
}

const iso = (d: Date | null) => d?.toISOString() ?? null;


const text = (name: string): Column => ({ name, type: "text" });
const time = (name: string): Column => ({ name, type: "text", as: "$::timestamp(3)" });
const REQUEST_COLUMNS: Column[] = [
  text("id"),
  text("connection_id"),
  text("requester_id"),
  { name: "status", type: "text", as: '$::"RequestStatus"' },
  { name: "duration_seconds", type: "int" },
  text("reason"),
  time("created_at"),
  time("decided_at"),
  time("expires_at"),
  time("ended_at"),
  { name: "auto_approved", type: "bool" },
  { name: "forced", type: "bool" },
  text("decided_by_id"),
  text("decision_note"),
  text("ended_by_id"),
  text("end_note"),
];
const REQUEST_GROUP_COLUMNS: Column[] = [text("request_id"), text("group_id"), text("group_name"), { name: "min_approvals", type: "int" }];
const APPROVAL_COLUMNS: Column[] = [
  text("request_id"),
  text("user_id"),
  text("comment"),
  { name: "counted_groups", type: "text", as: "string_to_array($, ',')" },
  { name: "forced", type: "bool" },
  time("created_at"),
];
const EVENT_COLUMNS: Column[] = [
  text("request_id"),
  time("at"),
  text("actor_id"),
  text("actor_email"),
  text("action"),
  text("connection_id"),
  text("target_type"),
  text("target_id"),
  { name: "data", type: "jsonb" },
];

async function main() {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) {
    throw new Error("Set DATABASE_URL to a PostgreSQL database, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/timebox_large");
  }
  const started = Date.now();
  if (!args["skip-migrate"]) await migrate(env.DATABASE_URL);
  const { db } = await import("@/lib/db");
  const client = db();
  const rand = prng(SEED);
  // The clock the data is arranged around, to the hour, so reruns within the hour match exactly.
  const now = new Date(Math.floor(Date.now() / HOUR) * HOUR);

  // Groups: "<area>-<role>", unique.
  const groupNames: string[] = [];
  for (let i = 0; groupNames.length < N.groups; i++) {
    const name = `${AREAS[i % AREAS.length]}-${ROLES[Math.floor(i / AREAS.length) % ROLES.length]}${i >= AREAS.length * ROLES.length ? `-${Math.floor(i / (AREAS.length * ROLES.length))}` : ""}`;
    groupNames.push(name);
  }
  const groups = groupNames.map((name, i) => ({ id: groupId(i + 1), name, description: `Seeded approvers: ${name}` }));

  const users = Array.from({ length: N.users }, (_, i) => {
    const first = rand.pick(FIRST);
    const last = rand.pick(LAST);
    return { id: userId(i + 1), email: `user${pad(i + 1, 4)}@load.example`, name: `${first} ${last}` };
  });

  // Each user is in 1 to 3 groups; every group gets members.
  const members = new Map<Id, Id[]>(groups.map((g) => [g.id, []]));
  const userGroups = new Map<Id, Set<Id>>();
  for (const [i, u] of users.entries()) {
    const k = rand.pick([1, 1, 1, 2, 2, 3]);
    const chosen = i < groups.length ? [groups[i]!, ...rand.sample(groups, k - 1)] : rand.sample(groups, k);
    const set = new Set(chosen.map((g) => g.id));
    userGroups.set(u.id, set);
    for (const g of set) members.get(g)!.push(u.id);
  }
  const admins = users.slice(0, 3).map((u) => u.id);

  type Rule = { groupId: Id; groupName: string; minApprovals: number };
  const connections = Array.from({ length: N.connections }, (_, i): { row: { id: Id; name: string; type: string; description: string; maxDurationSeconds: number; defaultDurationSeconds: number; autoApproveAdmins: boolean }; rule: Rule[] } => {
    let r = rand.next();
    const type = TYPES.find(([, p]) => (r -= p) < 0)?.[0] ?? "postgres";
    const maxMs = rand.pick([HOUR, 4 * HOUR, 8 * HOUR, 8 * HOUR, 24 * HOUR]);
    const defaultMs = rand.pick(DURATIONS.filter((d) => d <= maxMs));
    const nGroups = rand.pick([0, 1, 1, 1, 1, 1, 2, 2, 2, 1]);
    const rule = rand.sample(groups, nGroups).map((g) => ({ groupId: g.id, groupName: g.name, minApprovals: rand.chance(0.1) ? 2 : 1 }));
    const row = {
      id: connectionId(i + 1),
      name: `${rand.pick(ENVS)}-${type}-${pad(i + 1, 3)}`,
      type,
      description: `Seeded ${type} connection`,
      maxDurationSeconds: maxMs / 1000,
      defaultDurationSeconds: defaultMs / 1000,
      autoApproveAdmins: true,
    };
    return { row, rule };
  });

  console.log(`Seeding ${N.users} users, ${N.groups} groups, ${N.connections} connections, ${N.requests} requests (seed ${SEED})…`);
  await client.user.createMany({ data: users, skipDuplicates: true });
  await client.group.createMany({ data: groups, skipDuplicates: true });
  const adminGroup = await client.group.upsert({ where: { name: "admin" }, create: { name: "admin" }, update: {} });
  await client.groupMember.createMany({
    data: [
      ...[...userGroups].flatMap(([uid, set]) => [...set].map((gid) => ({ groupId: gid, userId: uid }))),
      ...admins.map((uid) => ({ groupId: adminGroup.id, userId: uid })),
    ],
    skipDuplicates: true,
  });
  await client.connection.createMany({ data: connections.map((c) => c.row), skipDuplicates: true });
  await client.connectionApprovalGroup.createMany({
    data: connections.flatMap((c) => c.rule.map((g) => ({ connectionId: c.row.id, groupId: g.groupId, minApprovals: g.minApprovals }))),
    skipDuplicates: true,
  });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));

  // Requests, generated in order, inserted in batches; the PRNG advances the same way whether or not a row is skipped.
  const BATCH = 2000;
  const pendingTaken = new Set<string>();
  let inserted = 0;
  const tally: Record<string, number> = {};
  for (let start = 0; start < N.requests; start += BATCH) {
    const size = Math.min(BATCH, N.requests - start);
    // Rows as arrays, in the column order of the INSERTs below; the request id comes first.
    const requests: unknown[][] = [];
    const requestGroups: unknown[][] = [];
    const approvals: unknown[][] = [];
    const events: unknown[][] = [];

    for (let k = 0; k < size; k++) {
      const i = start + k + 1;
      const id = requestId(i);
      const requester = rand.pick(users).id;
      const conn = rand.pick(connections);
      // Recent days are busier: an age skewed towards now, up to 90 days.
      const ageMs = Math.floor(rand.next() ** 1.6 * 90 * DAY);
      const createdAt = new Date(now.getTime() - ageMs);
      const durationMs = rand.pick(DURATIONS.filter((d) => d <= conn.row.maxDurationSeconds * 1000));
      const reason = rand.pick(REASONS)(rand.int(1000, 99999));
      const eligible = (gid: Id) => members.get(gid)!.filter((u) => u !== requester);

      let status: "PENDING" | "APPROVED" | "REJECTED" | "REVOKED" | "EXECUTED";
      let decidedAt: Date | null = null;
      let expiresAt: Date | null = null;
      let endedAt: Date | null = null;
      let decidedById: Id | null = null;
      let decisionNote: string | null = null;
      let endNote: string | null = null;
      let endedById: Id | null = null;
      let forced = false;
      let autoApproved = false;
      const reqApprovals: { userId: Id; counted: Id[]; at: Date; forced: boolean; comment: string | null }[] = [];
      const waitMs = rand.int(1, 180) * MINUTE;
      const key = `${requester}:${conn.row.id}`;
      const wantsPending = ageMs < 3 * DAY && rand.chance(0.35) && !pendingTaken.has(key);

      if (conn.rule.length === 0) {
        autoApproved = true;
        decidedAt = createdAt;
        status = "APPROVED";
      } else if (wantsPending || createdAt.getTime() + waitMs > now.getTime()) {
        status = pendingTaken.has(key) ? "REJECTED" : "PENDING";
        if (status === "REJECTED") {
          decidedAt = new Date(Math.min(now.getTime() - MINUTE, createdAt.getTime() + MINUTE));
          decidedById = admins[0]!;
          decisionNote = "Duplicate of another pending request";
        } else {
          pendingTaken.add(key);
          // Some pending requests already have part of their approvals.
          for (const g of conn.rule) {
            const pool = eligible(g.groupId);
            if (pool.length && rand.chance(0.3)) {
              const by = rand.pick(pool);
              if (!reqApprovals.some((a) => a.userId === by)) reqApprovals.push({ userId: by, counted: [g.groupId], at: new Date(createdAt.getTime() + MINUTE), forced: false, comment: null });
            }
          }
          const satisfiedAll = conn.rule.every((g) => reqApprovals.filter((a) => a.counted.includes(g.groupId)).length >= g.minApprovals);
          if (satisfiedAll) reqApprovals.length = 0;
        }
      } else {
        decidedAt = new Date(createdAt.getTime() + waitMs);
        if (rand.chance(0.14)) {
          status = "REJECTED";
          const g = rand.pick(conn.rule);
          const pool = eligible(g.groupId);
          decidedById = pool.length ? rand.pick(pool) : admins[0]!;
          decisionNote = rand.pick(REJECT_NOTES) || null;
        } else {
          status = "APPROVED";
          let at = createdAt.getTime();
          for (const g of conn.rule) {
            const pool = eligible(g.groupId).filter((u) => !reqApprovals.some((a) => a.userId === u));
            if (pool.length < g.minApprovals) {
              forced = true;
              break;
            }
            for (const by of rand.sample(pool, g.minApprovals)) {
              at = Math.min(decidedAt.getTime(), at + rand.int(1, 30) * MINUTE);
              reqApprovals.push({ userId: by, counted: [g.groupId], at: new Date(at), forced: false, comment: rand.chance(0.2) ? "LGTM" : null });
            }
          }
          if (forced) {
            reqApprovals.length = 0;
            reqApprovals.push({ userId: admins[0]!, counted: conn.rule.map((g) => g.groupId), at: decidedAt, forced: true, comment: "Incident: approvers unavailable" });
            decisionNote = "Incident: approvers unavailable";
          }
          decidedById = reqApprovals.at(-1)!.userId;
        }
      }

      if (status === "APPROVED") {
        expiresAt = new Date(decidedAt!.getTime() + durationMs);
        if (rand.chance(0.04) && decidedAt!.getTime() + durationMs / 2 < now.getTime()) {
          status = "REVOKED";
          endedAt = new Date(decidedAt!.getTime() + Math.floor(durationMs / 2));
          endedById = admins[1]!;
          endNote = "Work finished early";
        } else if (expiresAt <= now) {
          status = "EXECUTED";
          endedAt = expiresAt;
        }
      }
      tally[status] = (tally[status] ?? 0) + 1;

      requests.push([id, conn.row.id, requester, status, durationMs / 1000, reason, iso(createdAt), iso(decidedAt), iso(expiresAt), iso(endedAt), autoApproved, forced, decidedById, decisionNote, endedById, endNote]);
      for (const g of conn.rule) requestGroups.push([id, g.groupId, g.groupName, g.minApprovals]);
      for (const a of reqApprovals) approvals.push([id, a.userId, a.comment, a.counted.join(","), a.forced, iso(a.at)]);

      const ev = (action: string, at: Date, actor: Id | null, data: Record<string, unknown>) =>
        events.push([id, iso(at), actor, actor ? (emailOf.get(actor) ?? null) : null, action, conn.row.id, "access_request", id, JSON.stringify(data)]);
      ev("request.created", createdAt, requester, { connection: conn.row.name, duration: formatDuration(durationMs / 1000), reason });
      for (const a of reqApprovals) if (!a.forced) ev("request.approval_added", a.at, a.userId, { groups: a.counted.map((gid) => groups.find((g) => g.id === gid)!.name) });
      if (autoApproved) ev("request.approved", createdAt, requester, { autoApproved: true, why: "connection needs no approval", expiresAt: expiresAt!.toISOString() });
      else if (forced) ev("request.force_approved", decidedAt!, admins[0]!, { expiresAt: expiresAt!.toISOString(), reason: decisionNote });
      else if (expiresAt) ev("request.approved", decidedAt!, decidedById, { expiresAt: expiresAt.toISOString() });
      if (status === "REJECTED") ev("request.rejected", decidedAt!, decidedById, decisionNote ? { reason: decisionNote } : {});
      if (status === "REVOKED") ev("request.revoked", endedAt!, endedById, { reason: endNote });
      if (status === "EXECUTED") ev("request.expired", endedAt!, null, { expiresAt: expiresAt!.toISOString(), by: "expiry sweep" });
    }

    // Idempotent: only requests not yet in the database, and only their rows.
    const existing = new Set(
      (await client.accessRequest.findMany({ where: { id: { in: requests.map((r) => r[0] as string) } }, select: { id: true } })).map((r) => r.id),
    );
    const fresh = (rows: unknown[][]) => rows.filter((r) => !existing.has(r[0] as string));
    const newRequests = fresh(requests);
    if (newRequests.length) {
      await client.$transaction(
        async (tx) => {
          await insertRows(tx, "access_requests", REQUEST_COLUMNS, newRequests);
          await insertRows(tx, "request_groups", REQUEST_GROUP_COLUMNS, fresh(requestGroups));
          await insertRows(tx, "approvals", APPROVAL_COLUMNS, fresh(approvals));
          await insertRows(tx, "audit_events", EVENT_COLUMNS, fresh(events));
        },
        { timeout: 120_000 },
      );
      inserted += newRequests.length;
    }
    process.stdout.write(`\r  requests ${Math.min(start + size, N.requests)}/${N.requests} (${inserted} new)`);
  }
  process.stdout.write("\n");
  // What the app's sweep does within seconds: the insight rollups take in the triggers' deltas.
  await client.$queryRawUnsafe("SELECT fold_insight_deltas()");
  await client.$executeRawUnsafe("ANALYZE");
  console.log(`Status mix: ${Object.entries(tally).map(([s, n]) => `${s} ${n}`).join(", ")}`);
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in as user0001@load.example (an approver in several groups) to look around.`);
  await client.$disconnect();
}

main().catch((error: unknown) => {
  console.error(`seed:large failed: ${(error as Error).message}`);
  process.exit(1);
});
