import { mkdtempSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { configPath, readConfig, resolveServer, writeConfig } from "./config.js";
import { expirySentence, humanDuration, table } from "./output.js";

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(argv: string[], env: Record<string, string | undefined> = { TIMEBOX_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), "timebox-cli-")) }) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env).then((code) => ({ code, out: out.join("\n"), err: err.join("\n") }));
}

describe("durations in words", () => {
  it("rounds to the minute and reads naturally", () => {
    expect(humanDuration(2 * 3600_000 - 800)).toBe("2 hours");
    expect(humanDuration(90 * 60_000)).toBe("1 hour 30 minutes");
    expect(humanDuration(2 * 60_000 - 1500)).toBe("2 minutes");
    expect(humanDuration(60_000)).toBe("1 minute");
    expect(humanDuration(10_000)).toBe("less than a minute");
    expect(humanDuration(26 * 3600_000)).toBe("1 day 2 hours");
    const now = Date.parse("2026-12-04T10:00:00Z");
    expect(expirySentence("2026-12-04T12:00:00Z", now)).toBe("Access expires in 2 hours.");
    expect(expirySentence("2026-12-04T09:57:00Z", now)).toBe("Access expired 3 minutes ago.");
  });

  it("aligns tables", () => {
    expect(table([["a", "bbb", "c"]], ["ID", "S", "X"])).toBe("ID  S    X\na   bbb  c");
  });
});

describe("the config file", () => {
  it("is written readable by the user only, in the config directory", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "timebox-cfg-"));
    const env = { TIMEBOX_CONFIG_DIR: path.join(dir, "nested") };
    const file = writeConfig({ url: "http://localhost:3000", token: "tbx_x" }, env);
    expect(file).toBe(configPath(env));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    chmodSync(file, 0o644);
    writeConfig({ url: "http://localhost:3000", token: "tbx_y" }, env);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readConfig(env)).toMatchObject({ token: "tbx_y" });
  });

  it("follows XDG_CONFIG_HOME, and TIMEBOX_URL/TIMEBOX_TOKEN override it", () => {
    const xdg = mkdtempSync(path.join(tmpdir(), "timebox-xdg-"));
    if (process.platform === "linux") expect(configPath({ XDG_CONFIG_HOME: xdg })).toBe(path.join(xdg, "timebox", "config.json"));
    expect(resolveServer({ TIMEBOX_URL: "http://x:1/", TIMEBOX_TOKEN: "t" })).toMatchObject({ url: "http://x:1", token: "t" });
    expect(() => resolveServer({ TIMEBOX_CONFIG_DIR: xdg })).toThrow(/Not logged in/);
  });

  it("says how to fix a broken config file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "timebox-bad-"));
    writeFileSync(path.join(dir, "config.json"), "{not json", { mode: 0o600 });
    const r = await run(["requests"], { TIMEBOX_CONFIG_DIR: dir });
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('not a valid Timebox config; run "timebox login" again') });
  });
});

describe("the command line", () => {
  it("has --help on every command", async () => {
    const top = await run(["--help"]);
    expect(top.code).toBe(0);
    const names = [...top.out.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(names).toEqual(expect.arrayContaining(["login", "connect", "requests", "show", "approve", "reject", "revoke"]));
    for (const name of names) {
      const help = await run([name, "--help"]);
      expect(help.code, name).toBe(0);
      expect(help.out).toContain(`Usage: timebox ${name}`);
      expect((await run(["help", name])).out).toContain(`Usage: timebox ${name}`);
    }
  });

  it("answers usage mistakes with one line and exit 2", async () => {
    for (const argv of [["frobnicate"], ["connect", "--bogus"], ["connect", "db", "--duration"], ["show"], ["revoke", "r1"]]) {
      const env = { TIMEBOX_URL: "http://127.0.0.1:9", TIMEBOX_TOKEN: "tbx_x" };
      const r = await run(argv, env);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err.split("\n"), r.err).toHaveLength(1);
    }
  });

  it("says when it is not logged in (exit 3) and when the server is unreachable (exit 5)", async () => {
    expect(await run(["requests"])).toMatchObject({ code: 3, err: expect.stringContaining("timebox login") });
    const closed = await closedPort();
    const down = await run(["requests"], { TIMEBOX_URL: `http://127.0.0.1:${closed}`, TIMEBOX_TOKEN: "tbx_x" });
    expect(down).toMatchObject({ code: 5, err: `timebox: Cannot reach Timebox at http://127.0.0.1:${closed} (connection refused).` });
    const login = await run(["login", "--url", `http://127.0.0.1:${closed}`, "--token", "tbx_x"]);
    expect(login).toMatchObject({ code: 5, err: expect.stringContaining("connection refused") });
    expect((await run(["login", "--url", "ftp://x", "--token", "t"])).code).toBe(2);
  });
});
