import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { CliError, EXIT } from "./errors.js";

/** Environment variables the CLI reads (TIMEBOX_URL, TIMEBOX_TOKEN, TIMEBOX_CONFIG_DIR, XDG_CONFIG_HOME, APPDATA). */
export type Env = Record<string, string | undefined>;

export type Config = { url: string; token: string; email?: string };

/**
 * The user's config directory, by platform convention: $XDG_CONFIG_HOME (or ~/.config)
 * on Linux, ~/Library/Application Support on macOS, %APPDATA% on Windows.
 * TIMEBOX_CONFIG_DIR overrides it (tests, several accounts).
 */
export function configDir(env: Env = process.env): string {
  if (env.TIMEBOX_CONFIG_DIR) return env.TIMEBOX_CONFIG_DIR;
  if (process.platform === "win32" && env.APPDATA) return path.join(env.APPDATA, "timebox");
  if (process.platform === "darwin") return path.join(homedir(), "Library", "Application Support", "timebox");
  return path.join(env.XDG_CONFIG_HOME || path.join(homedir(), ".config"), "timebox");
}

export function configPath(env: Env = process.env): string {
  return path.join(configDir(env), "config.json");
}

export function readConfig(env: Env = process.env): Config | null {
  const file = configPath(env);
  if (!existsSync(file)) return null;
  if (process.platform !== "win32" && (statSync(file).mode & 0o077) !== 0) {
    process.stderr.write(`timebox: warning: ${file} is readable by other users; run: chmod 600 "${file}"\n`);
  }
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Config>;
    if (typeof parsed.url === "string" && typeof parsed.token === "string") return parsed as Config;
  } catch {
    // fall through
  }
  throw new CliError(`${file} is not a valid Timebox config; run "timebox login" again.`, EXIT.usage);
}

/** Writes the config readable by the user only (0600, in a 0700 directory). */
export function writeConfig(config: Config, env: Env = process.env): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = configPath(env);
  writeFileSync(file, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  // An existing file keeps its mode on write: make sure.
  if (process.platform !== "win32") chmodSync(file, 0o600);
  return file;
}

export function removeConfig(env: Env = process.env): boolean {
  const file = configPath(env);
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}

/** Where to talk to and with which token: TIMEBOX_URL / TIMEBOX_TOKEN win over the saved login. */
export function resolveServer(env: Env = process.env): Config {
  const saved = env.TIMEBOX_URL && env.TIMEBOX_TOKEN ? null : readConfig(env);
  const url = env.TIMEBOX_URL || saved?.url;
  const token = env.TIMEBOX_TOKEN || saved?.token;
  if (!url || !token) {
    throw new CliError('Not logged in: run "timebox login --url <server> --token <api token>" (or set TIMEBOX_URL and TIMEBOX_TOKEN).', EXIT.auth);
  }
  return { url: url.replace(/\/+$/, ""), token, email: saved?.email };
}
