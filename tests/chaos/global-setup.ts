/**
 * Once per chaos run: a production build (built under /tmp/timebox-build.lock when missing
 * or stale) copied into a private folder that every test's `next start` serves, and a
 * PostgreSQL server that is up. Hands the folder to the tests as inject("appDir").
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { prepareAppSnapshot, removeSnapshot } from "../../scripts/bench/lib/app";
import { DEFAULT_SERVER_URL } from "../../scripts/bench/lib/database";

/** Starts the local PostgreSQL cluster if it is down (a chaos test restarts it; a failed run may leave it stopped). */
export function ensurePostgresRunning(): void {
  if (!existsSync("/etc/postgresql")) return;
  for (const version of readdirSync("/etc/postgresql")) {
    const status = spawnSync("pg_ctlcluster", [version, "main", "status"], { encoding: "utf8" });
    if (status.status !== 0) spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensurePostgresRunning();
  const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL;
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(`the chaos suite needs a PostgreSQL server at ${serverUrl} (set TEST_DATABASE_URL): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const appDir = prepareAppSnapshot((line) => console.log(`[chaos] ${line}`));
  project.provide("appDir", appDir);
  return async () => {
    ensurePostgresRunning();
    removeSnapshot(appDir);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    appDir: string;
  }
}
