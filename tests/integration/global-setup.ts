/**
 * Runs once per integration project, in the main vitest process: makes a fresh database,
 * applies the migrations with the real Prisma CLI, and hands the URL to the test files
 * via `inject("databaseUrl")`. The returned function tears it down.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";

const root = path.resolve(import.meta.dirname, "../..");
const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

type TestDatabase = { url: string; drop: () => Promise<void> };

async function embeddedDatabase(): Promise<TestDatabase> {
  const embedded = await startEmbeddedPostgres(null); // in memory
  return { url: embedded.url, drop: embedded.stop };
}

/** A uniquely named database on the server, so parallel runs and leftovers never collide. */
async function serverDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
  const name = `timebox_test_${randomBytes(6).toString("hex")}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  try {
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  } catch (error) {
    throw new Error(
      `integration-postgres needs a PostgreSQL server at ${serverUrl} (set TEST_DATABASE_URL): ${(error as Error).message}`,
    );
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE (PostgreSQL 13+) ends connections a test left open.
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

function migrate(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`))));
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = project.config.env?.TEST_DB;
  if (kind !== "pglite" && kind !== "postgres") {
    throw new Error(`Project ${project.name} must set test.env.TEST_DB to "pglite" or "postgres"`);
  }
  const database = kind === "pglite" ? await embeddedDatabase() : await serverDatabase();
  try {
    await migrate(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  project.provide("databaseUrl", database.url);
  project.provide("testDb", kind);
  return database.drop;
}
