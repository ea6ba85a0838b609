import pg from "pg";
import { scramSha256Verifier } from "@/lib/provisioning/scram";

/**
 * The `postgres` provisioner's work on the target database, through the admin URL:
 * an ephemeral login role per grant, and its removal. Every statement quotes names
 * with escapeIdentifier and values with escapeLiteral; nothing here logs.
 */

const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 15_000;
/** How long deprovisioning waits for terminated sessions to disappear. */
const TERMINATE_WAIT_MS = 5_000;

export type TargetAddress = { host: string; port: number; database: string; sslMode: string | null; adminUser: string };

/** A target failure, labelled for the outbox: `permanent` ones (bad config, missing role) are not retried automatically. */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Host, port and database of an admin URL, without its credentials. */
export function parseAdminUrl(url: string): TargetAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TargetError("The admin URL is not a valid URL.", true);
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new TargetError("The admin URL must start with postgresql://.", true);
  }
  if (!parsed.hostname) throw new TargetError("The admin URL needs a host, e.g. postgresql://admin:secret@db.internal:5432/app.", true);
  const adminUser = decodeURIComponent(parsed.username);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || adminUser || "postgres";
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port ? Number(parsed.port) : 5432,
    database,
    sslMode: parsed.searchParams.get("sslmode"),
    adminUser: adminUser || "postgres",
  };
}

async function connect(adminUrl: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    application_name: "timebox-provisioner",
  });
  // An idle error (server restart) must not crash the process; the next query reports it.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new TargetError(`Cannot connect to the target database: ${describe(error)}`, false);
  }
  return client;
}

async function withClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(adminUrl);
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof TargetError) throw error;
    throw classify(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** SQLSTATE classes 42 (undefined role, insufficient privilege, syntax) and 28 (auth) will fail the same way again. */
function classify(error: unknown): TargetError {
  const code = (error as { code?: string }).code ?? "";
  const permanent = /^(42|28|22)/.test(code);
  return new TargetError(`The target database refused: ${describe(error)}`, permanent);
}

function describe(error: unknown): string {
  const e = error as { message?: string; code?: string };
  const message = (e.message || String(error)).split("\n")[0]!.slice(0, 500);
  return e.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}

async function lockRole(client: pg.Client, role: string): Promise<void> {
  // Serializes activation and removal of one role across Timebox instances.
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`timebox:${role}`]);
}

async function roleExists(client: pg.Client, role: string): Promise<boolean> {
  return ((await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount ?? 0) > 0;
}

export type RoleSpec = { role: string; password: string; validUntil: Date; connectionLimit: number; memberOf: string[] };

/**
 * Creates the grant's login role, or brings an existing one (a retried attempt) to the
 * spec: new password, expiry and limit, and membership of every configured role.
 */
export async function createLoginRole(adminUrl: string, spec: RoleSpec): Promise<void> {
  const id = pg.escapeIdentifier(spec.role);
  const options = [
    "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT",
    `PASSWORD ${pg.escapeLiteral(scramSha256Verifier(spec.password))}`,
    `VALID UNTIL ${pg.escapeLiteral(spec.validUntil.toISOString())}`,
    `CONNECTION LIMIT ${Math.trunc(spec.connectionLimit)}`,
  ].join(" ");
  await withClient(adminUrl, async (client) => {
    await client.query("BEGIN");
    try {
      await lockRole(client, spec.role);
      if (await roleExists(client, spec.role)) {
        await client.query(`ALTER ROLE ${id} WITH ${options}`);
      } else {
        await client.query(`CREATE ROLE ${id} WITH ${options}`);
      }
      if (spec.memberOf.length) {
        await client.query(`GRANT ${spec.memberOf.map((r) => pg.escapeIdentifier(r)).join(", ")} TO ${id}`);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

/** Moves an existing grant role's VALID UNTIL (the grant was extended). Returns whether the role exists. */
export async function setRoleValidUntil(adminUrl: string, role: string, validUntil: Date): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    await client.query("BEGIN");
    try {
      await lockRole(client, role);
      const exists = await roleExists(client, role);
      if (exists) await client.query(`ALTER ROLE ${pg.escapeIdentifier(role)} VALID UNTIL ${pg.escapeLiteral(validUntil.toISOString())}`);
      await client.query("COMMIT");
      return exists;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

export type DropResult = { existed: boolean; terminatedSessions: number };

/**
 * Ends a grant on the target: NOLOGIN first (committed, so no new session can start),
 * then every session of the role is terminated, then what it owns is reassigned to the
 * admin user and its privileges dropped, and the role is dropped. Running it again
 * when the role is gone does nothing.
 */
export async function dropLoginRole(adminUrl: string, role: string): Promise<DropResult> {
  const id = pg.escapeIdentifier(role);
  return withClient(adminUrl, async (client) => {
    if (!(await roleExists(client, role))) return { existed: false, terminatedSessions: 0 };
    await client.query(`ALTER ROLE ${id} NOLOGIN`);

    const terminated = new Set<number>();
    const deadline = Date.now() + TERMINATE_WAIT_MS;
    for (;;) {
      const result = await client.query<{ pid: number; ok: boolean }>(
        "SELECT pid, pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()",
        [role],
      );
      for (const r of result.rows) if (r.ok) terminated.add(r.pid);
      if (result.rows.length === 0) break;
      if (Date.now() > deadline) {
        throw new TargetError(
          `Login is disabled for ${role}, but ${result.rows.length} session(s) did not end after pg_terminate_backend.`,
          false,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }

    await client.query("BEGIN");
    try {
      await lockRole(client, role);
      if (await roleExists(client, role)) {
        const me = (await client.query<{ me: string }>("SELECT current_user AS me")).rows[0]!.me;
        await client.query(`REASSIGN OWNED BY ${id} TO ${pg.escapeIdentifier(me)}`);
        await client.query(`DROP OWNED BY ${id}`);
        await client.query(`DROP ROLE ${id}`);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw new TargetError(
        `Login is disabled and ${terminated.size} session(s) were ended for ${role}, but the role could not be dropped: ${describe(error)}`,
        false,
      );
    }
    return { existed: true, terminatedSessions: terminated.size };
  });
}

export type TargetCheck = { ok: boolean; message: string };

/**
 * "Test connection": connects with the admin URL, and checks the admin user can create
 * roles and end sessions, and that every role a grant should receive exists.
 */
export async function checkTarget(adminUrl: string, grantRoles: string[]): Promise<TargetCheck> {
  try {
    return await withClient(adminUrl, async (client) => {
      const me = (
        await client.query<{ me: string; version: string; super: boolean; createrole: boolean; signal: boolean }>(
          `SELECT current_user AS me, current_setting('server_version') AS version, r.rolsuper AS super, r.rolcreaterole AS createrole,
                  pg_has_role(current_user, 'pg_signal_backend', 'MEMBER') AS signal
           FROM pg_roles r WHERE r.rolname = current_user`,
        )
      ).rows[0]!;
      const problems: string[] = [];
      if (!me.super && !me.createrole) problems.push(`${me.me} cannot create roles (needs CREATEROLE)`);
      if (!me.super && !me.signal) problems.push(`${me.me} cannot end other sessions (grant it pg_signal_backend)`);
      const found = new Set(
        (await client.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])", [grantRoles])).rows.map(
          (r) => r.rolname,
        ),
      );
      const missing = grantRoles.filter((r) => !found.has(r));
      if (missing.length) problems.push(`role${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "do" : "does"} not exist`);
      const who = `PostgreSQL ${me.version} as ${me.me}${me.super ? " (superuser)" : ""}`;
      if (problems.length) return { ok: false, message: `Connected to ${who}, but ${problems.join("; ")}.` };
      const roles = grantRoles.length ? ` Grants will receive ${grantRoles.join(", ")}.` : " Grants will receive no extra roles.";
      return { ok: true, message: `Connected to ${who}.${roles}` };
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
