/**
 * A real target database on the PostgreSQL server for provisioning tests: its own
 * database (timebox_target_<random>) with an `orders` table, a `scratch` schema the
 * grant may create in, and a read-only group role. Roles are cluster-wide, so every
 * name carries the random suffix, and cleanup drops whatever the test left behind.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

const SERVER_URL = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export type Target = {
  database: string;
  /** The admin URL Timebox gets; carries a password (ignored by trust auth) so tests can look for leaks. */
  adminUrl: string;
  adminPassword: string;
  readonlyRole: string;
  /** A superuser connection to the target database, for assertions. */
  query: <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;
  drop: () => Promise<void>;
};

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function urlFor(database: string, user?: string, password?: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  if (user) url.username = user;
  if (password) url.password = password;
  return url.toString();
}

export async function createTarget(): Promise<Target> {
  const suffix = randomBytes(5).toString("hex");
  const database = `timebox_target_${suffix}`;
  const readonlyRole = `tb_test_readonly_${suffix}`;
  const adminPassword = `Adm1n-${randomBytes(9).toString("base64url")}`;
  await withClient(SERVER_URL, async (c) => {
    await c.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    await c.query(`CREATE ROLE ${pg.escapeIdentifier(readonlyRole)} NOLOGIN`);
  });
  const targetUrl = urlFor(database);
  await withClient(targetUrl, async (c) => {
    const ro = pg.escapeIdentifier(readonlyRole);
    await c.query(`
      CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
      INSERT INTO orders VALUES (1, 10.5), (2, 99);
      CREATE SCHEMA scratch;
      GRANT USAGE ON SCHEMA public TO ${ro};
      GRANT SELECT ON orders TO ${ro};
      GRANT USAGE, CREATE ON SCHEMA scratch TO ${ro};
    `);
  });
  const admin = new pg.Client({ connectionString: targetUrl });
  await admin.connect();
  return {
    database,
    adminUrl: urlFor(database, new URL(SERVER_URL).username || "postgres", adminPassword),
    adminPassword,
    readonlyRole,
    query: (sql, params) => admin.query(sql, params as unknown[]),
    drop: async () => {
      await admin.end().catch(() => undefined);
      await withClient(SERVER_URL, async (c) => {
        // Roles a test created and did not remove (members of the test role, or named for this target).
        const leftovers = await c.query<{ rolname: string }>(
          `SELECT r.rolname FROM pg_roles r
           WHERE r.oid IN (SELECT member FROM pg_auth_members WHERE roleid = (SELECT oid FROM pg_roles WHERE rolname = $1))`,
          [readonlyRole],
        );
        await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
        for (const { rolname } of leftovers.rows) await c.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(rolname)}`);
        await c.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(readonlyRole)}`);
      });
    },
  };
}

/** Connects as a granted user; the error handler keeps a terminated session from crashing the test process. */
export async function loginAs(url: string): Promise<{ client: pg.Client; ended: Promise<Error> }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  const ended = new Promise<Error>((resolve) => {
    client.on("error", resolve);
    client.on("end", () => resolve(new Error("connection ended")));
  });
  await client.connect();
  return { client, ended };
}

export async function roleExists(roleName: string): Promise<boolean> {
  return withClient(SERVER_URL, async (c) => ((await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [roleName])).rowCount ?? 0) > 0);
}
