/**
 * Production builds and `next start` servers for the benchmarks and the chaos suite.
 *
 * The repository's `.next` is shared with other work (a dev server, e2e runs, rebuilds), so
 * a server started here never runs from it: `prepareAppSnapshot()` gives it a private
 * folder (see there), and a rebuild elsewhere cannot pull files from under a server that is
 * being measured or crashed on purpose.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../../..");
export const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const BUILD_LOCK = "/tmp/timebox-build.lock";

/** The same inputs scripts/start.ts watches: a build older than any of them is stale. */
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

export function buildIsFresh(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceMtime();
}

/**
 * A folder `next start <folder>` can serve, for servers that are measured or crashed on
 * purpose. Two sources:
 * - "head" (the default): the committed tree (`git archive HEAD`) exported to a temporary
 *   folder with node_modules hard-linked in, and built there. Other work's uncommitted
 *   edits in the shared tree can neither break the build nor change what is measured,
 *   and the repository's own `.next` is never touched.
 * - "worktree" (TIMEBOX_APP_FROM=worktree): the working tree's `.next`, rebuilt in place if
 *   missing or older than the sources, then copied (without caches) to a temporary folder.
 * Every build holds /tmp/timebox-build.lock: the machine has two cores.
 */
export function prepareAppSnapshot(log: (line: string) => void = console.log, from = process.env.TIMEBOX_APP_FROM ?? "head"): string {
  // A folder prepared earlier (kept, never removed here): for iterating on the tests themselves.
  const given = process.env.TIMEBOX_APP_DIR;
  if (given) {
    if (!existsSync(path.join(given, ".next", "BUILD_ID"))) throw new Error(`TIMEBOX_APP_DIR=${given} holds no production build`);
    log(`app build: using TIMEBOX_APP_DIR=${given}`);
    return given;
  }
  if (from === "head" && existsSync(path.join(root, ".git"))) return buildFromHead(log);
  return snapshotWorktreeBuild(log);
}

function buildFromHead(log: (line: string) => void): string {
  const dest = mkdtempSync(path.join(os.tmpdir(), "timebox-app-"));
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  log(`app build: exporting commit ${commit} to ${dest}`);
  const script = `
    set -e
    git -C ${JSON.stringify(root)} archive HEAD | tar -x -C ${JSON.stringify(dest)}
    # Hard links: a second node_modules in a second, no copying (same file system as the repository).
    cp -al ${JSON.stringify(path.join(root, "node_modules"))} ${JSON.stringify(path.join(dest, "node_modules"))} 2>/dev/null \
      || cp -a ${JSON.stringify(path.join(root, "node_modules"))} ${JSON.stringify(path.join(dest, "node_modules"))}
    cd ${JSON.stringify(dest)}
    DATABASE_URL=\${DATABASE_URL:-postgresql://placeholder@127.0.0.1:5432/placeholder} ./node_modules/.bin/prisma generate >/dev/null
    echo "waiting for ${BUILD_LOCK} to build commit ${commit}…" >&2
    NEXT_TELEMETRY_DISABLED=1 flock ${BUILD_LOCK} ./node_modules/.bin/next build >&2
  `;
  const result = spawnSync("bash", ["-c", script], { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) {
    removeSnapshot(dest);
    throw new Error(`building commit ${commit} failed (exit ${result.status})`);
  }
  log(`app build: commit ${commit} built in ${dest} (build ${readFileSync(path.join(dest, ".next", "BUILD_ID"), "utf8").trim()})`);
  return dest;
}

function snapshotWorktreeBuild(log: (line: string) => void): string {
  const dest = mkdtempSync(path.join(os.tmpdir(), "timebox-app-"));
  const script = `
    set -e
    cd ${JSON.stringify(root)}
    if [ "$FRESH" != "1" ] || [ ! -f .next/BUILD_ID ]; then
      echo "building the app (next build)…" >&2
      NEXT_TELEMETRY_DISABLED=1 ${JSON.stringify(bin("next"))} build >&2
    fi
    mkdir -p ${JSON.stringify(dest)}/.next
    for entry in .next/*; do
      case "$(basename "$entry")" in cache|dev|trace|trace-build|diagnostics) ;; *) cp -a "$entry" ${JSON.stringify(dest)}/.next/ ;; esac
    done
  `;
  log(`app snapshot: ${buildIsFresh() ? "build is current" : "build is missing or stale"}; waiting for ${BUILD_LOCK}`);
  // The staleness check runs again inside the lock: another session may have just rebuilt.
  const check = `FRESH=$(${JSON.stringify(process.execPath)} -e ${shellQuote(checkFreshScript())})`;
  const result = spawnSync("flock", [BUILD_LOCK, "bash", "-c", `${check}; ${script}`], { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) {
    removeSnapshot(dest);
    throw new Error(`preparing the app build failed (exit ${result.status})`);
  }
  for (const file of ["package.json", "next.config.ts"]) cpSync(path.join(root, file), path.join(dest, file));
  symlinkSync(path.join(root, "node_modules"), path.join(dest, "node_modules"));
  if (existsSync(path.join(root, "public"))) symlinkSync(path.join(root, "public"), path.join(dest, "public"));
  log(`app snapshot: ${dest} (build ${readFileSync(path.join(dest, ".next", "BUILD_ID"), "utf8").trim()})`);
  return dest;
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A tiny script for the locked shell: prints 1 when .next is at least as new as the sources. */
function checkFreshScript(): string {
  const entries = ["app", "components", "lib", "public", "next.config.ts", "package.json", "tailwind.config.ts", "postcss.config.mjs", "instrumentation.ts", "prisma/schema.prisma"];
  return `
    const fs = require("fs"), path = require("path"); const root = ${JSON.stringify(root)}; let newest = 0;
    const visit = (e) => { const f = path.join(root, e); if (!fs.existsSync(f)) return; const s = fs.statSync(f);
      if (s.isDirectory()) { for (const c of fs.readdirSync(f)) if (c !== "generated") visit(path.join(e, c)); } else newest = Math.max(newest, s.mtimeMs); };
    for (const e of ${JSON.stringify(entries)}) visit(e);
    const id = path.join(root, ".next", "BUILD_ID");
    process.stdout.write(fs.existsSync(id) && fs.statSync(id).mtimeMs >= newest ? "1" : "0");
  `;
}

export function removeSnapshot(dir: string): void {
  if (dir === process.env.TIMEBOX_APP_DIR) return;
  if (dir.startsWith(os.tmpdir()) && path.basename(dir).startsWith("timebox-app-")) rmSync(dir, { recursive: true, force: true });
}

/** A port nobody listens on, from a range kept for this work (3400-3499 by default). */
export async function freePort(from = 3400, to = 3499, taken: Set<number> = new Set()): Promise<number> {
  const start = from + Math.floor(Math.random() * (to - from + 1));
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((start - from + i) % (to - from + 1));
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export type AppServer = {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /api/health. */
  readyMs: number;
  output: () => string;
  /** Resident set size of the server process and its children, in KiB. */
  rssKiB: () => number;
  stop: () => Promise<void>;
  /** SIGKILL: no shutdown hooks, no flushing, open transactions cut off. */
  kill9: () => Promise<void>;
  exited: Promise<number | null>;
};

const BASE_ENV_KEYS = ["PATH", "HOME", "LANG", "TMPDIR", "TZ"];

export type StartAppOptions = {
  appDir: string;
  env: Record<string, string>;
  port?: number;
  name?: string;
  /** Extra node flags, e.g. --cpu-prof for profiling. */
  nodeArgs?: string[];
  /** Give up waiting for /api/health after this long. */
  timeoutMs?: number;
};

/**
 * Spawns `next start` (the node process itself, so its pid is the server's) with a clean
 * environment: only what is passed in, plus PATH/HOME. Resolves once /api/health answers 200.
 */
export async function startApp(opts: StartAppOptions): Promise<AppServer> {
  const port = opts.port ?? (await freePort());
  const env: Record<string, string> = { NEXT_TELEMETRY_DISABLED: "1" };
  for (const key of BASE_ENV_KEYS) if (process.env[key]) env[key] = process.env[key]!;
  Object.assign(env, opts.env);
  const nextCli = path.join(opts.appDir, "node_modules", "next", "dist", "bin", "next");
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), nextCli, "start", opts.appDir, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: opts.appDir,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let readyMs = -1;
  const alive = () => child.exitCode === null && child.signalCode === null;
  while (Date.now() < deadline && alive()) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const server: AppServer = {
    url,
    port,
    pid: child.pid!,
    child,
    readyMs,
    output: () => output,
    rssKiB: () => treeRssKiB(child.pid!),
    exited,
    stop: async () => {
      if (!alive()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
    kill9: async () => {
      if (!alive()) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
  if (readyMs < 0) {
    await server.kill9();
    throw new Error(`${opts.name ?? "app"} on port ${port} did not become healthy:\n${output.slice(-4000)}`);
  }
  return server;
}

/** VmRSS of a process and all its descendants (Linux /proc), in KiB. */
export function treeRssKiB(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // gone
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return total;
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
