/**
 * Databases for the benchmarks and the chaos suite: a fresh database on the PostgreSQL
 * server (dropped afterwards), or an embedded PGlite served on loopback by this process.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { bin, root } from "./app";

export const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export type BenchDatabase = {
  kind: "postgres" | "embedded";
  url: string;
  /** Human description for reports. */
  label: string;
  drop: () => Promise<void>;
};

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new, empty database on the server; `name` defaults to <prefix>_<random>. */
export async function serverDatabase(prefix: string, opts: { serverUrl?: string; name?: string } = {}): Promise<BenchDatabase> {
  const serverUrl = opts.serverUrl ?? process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL;
  const name = opts.name ?? `${prefix}_${randomBytes(5).toString("hex")}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const version = await onServer(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
    return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    url: url.toString(),
    label: `PostgreSQL ${version} (server on ${url.host}, database ${name})`,
    drop: () => onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** PGlite in this process's memory, served on 127.0.0.1. */
export async function embeddedDatabase(): Promise<BenchDatabase> {
  const embedded = await startEmbeddedPostgres(null);
  const version = await withClient(embedded.url, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v);
  return {
    kind: "embedded",
    url: embedded.url,
    label: `embedded PGlite (PostgreSQL ${version} in WASM, in memory, served on loopback by the bench process)`,
    drop: embedded.stop,
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function runTool(command: string, args: string[], env: Record<string, string | undefined>, opts: { quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      if (!opts.quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
      if (!opts.quiet) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} failed (exit ${code}):\n${output.slice(-3000)}`))));
  });
}

export async function migrate(url: string): Promise<void> {
  await runTool(bin("prisma"), ["migrate", "deploy"], { DATABASE_URL: url }, { quiet: true });
}
