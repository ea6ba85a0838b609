/**
 * The chaos suite's toolbox: real `next start` servers from a production build (prepared
 * once by global-setup.ts), fresh PostgreSQL databases, an admin API client, a fake
 * receiver that counts every delivery, and the invariants every request must satisfy
 * however the run went.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { inject } from "vitest";
import pg from "pg";
import { startApp, type AppServer } from "../../scripts/bench/lib/app";
import { migrate, serverDatabase, type BenchDatabase } from "../../scripts/bench/lib/database";
import { api, type Caller, type JsonResponse } from "../../scripts/bench/lib/http";

export { api, type Caller, type AppServer };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh, migrated database on the PostgreSQL server; drop it in afterAll. */
export async function chaosDatabase(): Promise<BenchDatabase> {
  const database = await serverDatabase("timebox_chaos");
  await migrate(database.url);
  return database;
}

export type Instance = AppServer & { env: Record<string, string> };

/** Settings shared by every instance of one test: same secrets, same database. */
export function deploymentEnv(database: BenchDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "10",
    AUTH_SECRET: randomBytes(33).toString("base64"),
    CRON_SECRET: randomBytes(24).toString("base64url"),
    TIMEBOX_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    TIMEBOX_BOOTSTRAP_ADMIN_TOKEN: `chaos-admin-${randomBytes(16).toString("hex")}`,
    TIMEBOX_SCHEDULER: "0",
    ...extra,
  };
}

export async function startInstance(env: Record<string, string>, name = "app"): Promise<Instance> {
  const server = await startApp({ appDir: inject("appDir"), env, name, timeoutMs: 90_000 });
  return Object.assign(server, { env });
}

/** Restarts a (possibly killed) instance on the same port with the same settings. */
export async function restartInstance(instance: Instance, name = "app"): Promise<Instance> {
  const server = await startApp({ appDir: inject("appDir"), env: instance.env, port: instance.port, name, timeoutMs: 90_000 });
  return Object.assign(server, { env: instance.env });
}

export const adminOf = (instance: Instance): Caller => ({ token: instance.env.TIMEBOX_BOOTSTRAP_ADMIN_TOKEN });

/** Admin API calls that must succeed. */
export function adminApi(url: string, admin: Caller) {
  const must = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const res: JsonResponse<T> = await api<T>(url, method, path, admin, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return {
    must,
    group: (name: string) => must("POST", "/api/v1/groups", { name }),
    user: (email: string) => must<{ id: string; email: string }>("POST", "/api/v1/users", { email, name: email.split("@")[0] }),
    members: (group: string, emails: string[]) => must("PUT", `/api/v1/groups/${encodeURIComponent(group)}/members`, { emails }),
    connection: (body: Record<string, unknown>) => must("POST", "/api/v1/connections", { type: "postgres", maxDuration: "8h", defaultDuration: "1h", autoApproveAdmins: false, ...body }),
    token: async (userId: string): Promise<Caller> => ({ token: (await must<{ token: string }>("POST", `/api/v1/users/${userId}/tokens`, { name: "chaos" })).token }),
  };
}

export async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
}

// ---------------------------------------------------------------------------------------
// A fake receiver: provisioning webhooks, Resend's email API and the audit SIEM webhook.

export type Delivery = { path: string; key: string; type: string; body: Record<string, unknown> };

export class Receiver {
  readonly deliveries: Delivery[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Deliveries per key (webhook delivery id, email idempotency key) on one path. */
  counts(path: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.deliveries) if (d.path === path) counts.set(d.key, (counts.get(d.key) ?? 0) + 1);
    return counts;
  }

  duplicates(path: string): string[] {
    return [...this.counts(path)].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {
      // keep {}
    }
    const header = (name: string) => String(req.headers[name] ?? "");
    if (path.startsWith("/slack/api/")) {
      // A Slack Web API stand-in: every method succeeds.
      this.deliveries.push({ path, key: path.slice("/slack/api/".length), type: "slack", body });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, channel: "C0FAKE", ts: `${Date.now() / 1000}`, view: { id: "V0FAKE" } }));
      return;
    }
    if (path === "/resend/emails") {
      this.deliveries.push({ path, key: header("idempotency-key"), type: "email", body });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `email_${this.deliveries.length}` }));
      return;
    }
    this.deliveries.push({ path, key: header("timebox-delivery") || String(body.id ?? ""), type: header("timebox-event") || String(body.type ?? ""), body });
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  }
}

// ---------------------------------------------------------------------------------------
// Invariants: what must hold for every request, whatever happened to the servers.

const CHECKS: [string, string][] = [
  ["PENDING has no decision, expiry or end", `SELECT id FROM access_requests WHERE status = 'PENDING' AND (decided_at IS NOT NULL OR expires_at IS NOT NULL OR ended_at IS NOT NULL)`],
  ["APPROVED has a decision and an expiry, and no end", `SELECT id FROM access_requests WHERE status = 'APPROVED' AND (decided_at IS NULL OR expires_at IS NULL OR ended_at IS NOT NULL)`],
  ["REJECTED has a decision and neither expiry nor end", `SELECT id FROM access_requests WHERE status = 'REJECTED' AND (decided_at IS NULL OR expires_at IS NOT NULL OR ended_at IS NOT NULL)`],
  ["REVOKED had a grant and has an end", `SELECT id FROM access_requests WHERE status = 'REVOKED' AND (expires_at IS NULL OR ended_at IS NULL OR decided_at IS NULL)`],
  ["EXECUTED had a grant and ended at or after its expiry", `SELECT id FROM access_requests WHERE status = 'EXECUTED' AND (expires_at IS NULL OR ended_at IS NULL OR ended_at < expires_at)`],
  ["EXPIRED never had a grant and has an end", `SELECT id FROM access_requests WHERE status = 'EXPIRED' AND (expires_at IS NOT NULL OR ended_at IS NULL)`],
  [
    "every request has exactly one creation event",
    `SELECT r.id FROM access_requests r LEFT JOIN audit_events e ON e.request_id = r.id AND e.action IN ('request.created', 'request.extension_requested')
     GROUP BY r.id HAVING count(e.id) <> 1`,
  ],
  [
    "a granted request has exactly one approval event; others none",
    `SELECT r.id FROM access_requests r LEFT JOIN audit_events e ON e.request_id = r.id AND e.action IN ('request.approved', 'request.force_approved', 'request.emergency_opened')
     GROUP BY r.id, r.status HAVING count(e.id) <> CASE WHEN r.status IN ('APPROVED', 'REVOKED', 'EXECUTED') THEN 1 ELSE 0 END`,
  ],
  [
    "EXECUTED has exactly one expiry event; others none",
    `SELECT r.id FROM access_requests r LEFT JOIN audit_events e ON e.request_id = r.id AND e.action = 'request.expired'
     GROUP BY r.id, r.status HAVING count(e.id) <> CASE WHEN r.status = 'EXECUTED' THEN 1 ELSE 0 END`,
  ],
  [
    "every approval has its approval_added event, and no event lacks its approval",
    `SELECT r.id FROM access_requests r
     WHERE (SELECT count(*) FROM approvals a WHERE a.request_id = r.id AND NOT a.forced)
        <> (SELECT count(*) FROM audit_events e WHERE e.request_id = r.id AND e.action = 'request.approval_added')`,
  ],
  [
    "a granted request (not forced, not automatic) has every group's approvals",
    `SELECT r.id FROM access_requests r JOIN request_groups g ON g.request_id = r.id
     WHERE r.status IN ('APPROVED', 'REVOKED', 'EXECUTED') AND NOT r.forced AND NOT r.auto_approved AND NOT r.emergency
       AND (SELECT count(*) FROM approvals a WHERE a.request_id = r.id AND g.group_id = ANY(a.counted_groups)) < g.min_approvals`,
  ],
  [
    "a PENDING request does not already have every group's approvals",
    `SELECT r.id FROM access_requests r WHERE r.status = 'PENDING' AND EXISTS (SELECT 1 FROM request_groups g WHERE g.request_id = r.id)
       AND NOT EXISTS (SELECT 1 FROM request_groups g WHERE g.request_id = r.id
         AND (SELECT count(*) FROM approvals a WHERE a.request_id = r.id AND g.group_id = ANY(a.counted_groups)) < g.min_approvals)`,
  ],
  [
    "every transition has its outbox event",
    `SELECT r.id FROM access_requests r WHERE
       NOT EXISTS (SELECT 1 FROM outbox_jobs j WHERE j.dedupe_key = 'request.created:' || r.id)
       OR (r.status IN ('APPROVED', 'REVOKED', 'EXECUTED') AND NOT EXISTS (SELECT 1 FROM outbox_jobs j WHERE j.dedupe_key = 'request.approved:' || r.id))
       OR (r.status = 'EXECUTED' AND NOT EXISTS (SELECT 1 FROM outbox_jobs j WHERE j.dedupe_key = 'request.expired:' || r.id))`,
  ],
];

/** Every violated invariant, with up to five request ids each; empty when all hold. */
export async function invariantViolations(databaseUrl: string): Promise<string[]> {
  return withPg(databaseUrl, async (client) => {
    const problems: string[] = [];
    for (const [name, sql] of CHECKS) {
      const rows = (await client.query<{ id: string }>(sql)).rows;
      if (rows.length) problems.push(`${name}: ${rows.length} request(s), e.g. ${rows.slice(0, 5).map((r) => r.id).join(", ")}`);
    }
    return problems;
  });
}

/** The audit hash chain, verified by the app itself (GET /api/v1/audit/verify as admin). */
export async function auditChain(instance: Instance): Promise<{ ok: boolean; checked: number; firstBrokenId?: string }> {
  const res = await api<{ ok: boolean; checked: number; firstBrokenId?: string }>(instance.url, "GET", "/api/v1/audit/verify", adminOf(instance));
  if (res.status !== 200) throw new Error(`audit verify: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
