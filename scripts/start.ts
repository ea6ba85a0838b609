/**
 * `npm start`: one command from a fresh clone to a running Timebox.
 * Without DATABASE_URL it serves an embedded PostgreSQL (PGlite) from TIMEBOX_DATA_DIR,
 * applies migrations, seeds the demo organisation once, builds if needed and runs
 * `next start`. With DATABASE_URL it does the same against that server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseEnv, EnvError } from "@/lib/env";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/runtime/embedded-postgres";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const devMode = process.argv.includes("--dev");

function run(command: string, args: string[], childEnv: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: childEnv, stdio: "inherit" });
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0]} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full)) if (child !== "generated") visit(path.join(entry, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ["app", "components", "lib", "public", "next.config.ts", "package.json", "tailwind.config.ts", "postcss.config.mjs", "instrumentation.ts", "prisma/schema.prisma"]) visit(entry);
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  return !existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceMtime();
}

/** Secrets for the local embedded instance, made once and kept beside its data. */
function localSecrets(dataDir: string): { AUTH_SECRET: string; CRON_SECRET: string; TIMEBOX_ENCRYPTION_KEY: string } {
  const file = path.join(dataDir, "secrets.json");
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
  // A folder from before the encryption key existed gets one added; the others stay as they were.
  if (saved?.TIMEBOX_ENCRYPTION_KEY) return saved;
  const secrets = {
    AUTH_SECRET: randomBytes(33).toString("base64"),
    CRON_SECRET: randomBytes(24).toString("base64url"),
    ...saved,
    TIMEBOX_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function assertDatabaseReachable(url: string, embedded: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const where = embedded ? "the embedded database" : "DATABASE_URL";
    throw new Error(`${where}: cannot connect to PostgreSQL (${(error as Error).message || String(error)})`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

let database: EmbeddedPostgres | null = null;
let server: ChildProcess | null = null;
let stopping = false;

/** Stops the server first, then the embedded database, so PGlite flushes its files. */
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  await database?.stop();
  process.exit(code);
}

async function main() {
  const userEnv = parseEnv(process.env);
  const embedded = !userEnv.DATABASE_URL;
  const dataDir = path.resolve(root, userEnv.TIMEBOX_DATA_DIR);
  const demo = embedded || userEnv.TIMEBOX_DEMO;
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? (demo ? "127.0.0.1" : "0.0.0.0");

  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const childEnv: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
  // A local run (NODE_ENV not production) may use secrets made once and kept in the data
  // folder; a production deployment must bring its own, shared by all its instances.
  if (userEnv.NODE_ENV !== "production") {
    const secrets = localSecrets(dataDir);
    childEnv.AUTH_SECRET = userEnv.AUTH_SECRET ?? secrets.AUTH_SECRET;
    childEnv.CRON_SECRET = userEnv.CRON_SECRET ?? secrets.CRON_SECRET;
    childEnv.TIMEBOX_ENCRYPTION_KEY = userEnv.TIMEBOX_ENCRYPTION_KEY ?? secrets.TIMEBOX_ENCRYPTION_KEY;
  }
  if (embedded) {
    database = await startEmbeddedPostgres(path.join(dataDir, "pglite"), userEnv.TIMEBOX_EMBEDDED_DB_PORT);
    Object.assign(childEnv, {
      DATABASE_URL: database.url,
      // PGlite runs one statement at a time; a few connections let a long-poll and the
      // background workers wait without holding up page loads.
      DATABASE_POOL_SIZE: "5",
      TIMEBOX_DEMO: "1",
      // The embedded default is a local, loopback-only demo: `next start` runs with
      // NODE_ENV=production, so the demo guard is lifted here and nowhere else.
      ...(userEnv.NODE_ENV === "production" ? {} : { TIMEBOX_ALLOW_DEMO_IN_PRODUCTION: "1" }),
    });
    console.log(`Timebox: embedded PostgreSQL (PGlite) at ${database.url} (loopback only), data in ${path.relative(root, dataDir) || "."}/pglite`);
  }
  // Validate the environment the server will see before starting anything long.
  parseEnv({ ...childEnv, NODE_ENV: devMode ? "development" : "production" });

  await assertDatabaseReachable(childEnv.DATABASE_URL!, embedded);
  await run(bin("prisma"), ["migrate", "deploy"], childEnv);
  if (demo) {
    process.env.DATABASE_URL = childEnv.DATABASE_URL;
    const { db } = await import("@/lib/db");
    const { seedDemoOrganisation } = await import("@/lib/demo/seed-demo");
    if (await seedDemoOrganisation(db())) console.log("Timebox: seeded the demo organisation.");
    await db().$disconnect();
  }
  if (!devMode && needsBuild()) {
    console.log("Timebox: building the app (first start or changed sources)…");
    await run(bin("next"), ["build"], childEnv);
  }

  server = spawn(bin("next"), [devMode ? "dev" : "start", "-p", String(port), "-H", host], {
    cwd: root,
    env: childEnv,
    stdio: "inherit",
  });
  server.on("exit", (code) => void shutdown(code ?? 1));
  const url = `http://localhost:${port}`;
  if (await waitForHealth(`http://127.0.0.1:${port}`, server)) {
    console.log(`\nTimebox is running at ${url}`);
    if (demo) {
      console.log("Demo mode: open it and pick a user to sign in as (alice requests, bob approves, admin@example.com administers).");
    }
    console.log("Press Ctrl-C to stop.\n");
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `Timebox failed to start: ${(error as Error).message}`);
  await shutdown(1);
});
