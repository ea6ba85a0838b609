/**
 * Access that really starts and really ends, end to end against the started server:
 * the built `timebox` CLI waits for approval and prints a psql command that logs in to
 * a real PostgreSQL target (a database of its own on the local server); a revoke cuts
 * the open session within 2 s. Rejection exits 1; Ctrl-C leaves the request pending.
 * The web side: provisioning settings with Test connection, and the credentials reveal.
 *
 * Each test makes its own group, users and connection (admin API with the demo admin's
 * session), so the journeys running beside it are untouched.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { saveScreenshot } from "./helpers";
import { personIn } from "./journey-helpers";
import { createTarget, loginAs, roleExists, type Target } from "../tests/provisioning/target";

const ROOT = path.resolve(import.meta.dirname, "..");
const suffix = () => Math.random().toString(36).slice(2, 8);

let target: Target;

test.beforeAll(async () => {
  // The CLI as users get it: compiled by `npm run build:cli`.
  execFileSync(path.join(ROOT, "node_modules", ".bin", "tsc"), ["-p", "cli/tsconfig.json"], { cwd: ROOT, stdio: "pipe" });
  target = await createTarget();
});

test.afterAll(async () => {
  await target?.drop();
});

type World = { connection: string; requester: { email: string; token: string }; approver: { email: string; token: string }; admin: Page };

/** A connection provisioned on the test target, approved by a group of one, via the admin API. */
async function world(browserAdmin: Page): Promise<World> {
  const api = browserAdmin.request;
  const s = suffix();
  const must = async (res: APIResponse): Promise<{ id: string; email: string; token: string }> => {
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  const group = `e2e-approvers-${s}`;
  await must(await api.post("/api/v1/groups", { data: { name: group } }));
  const requester = await must(await api.post("/api/v1/users", { data: { email: `cli-requester-${s}@example.com`, name: "CLI Requester" } }));
  const approver = await must(await api.post("/api/v1/users", { data: { email: `cli-approver-${s}@example.com`, name: "CLI Approver" } }));
  await must(await api.put(`/api/v1/groups/${group}/members`, { data: { emails: [approver.email] } }));
  const connection = `e2e-pg-${s}`;
  await must(await api.post("/api/v1/connections", { data: { name: connection, type: "postgres", approvalGroups: [group], maxDuration: "8h", defaultDuration: "1h" } }));
  await must(
    await api.put(`/api/v1/connections/${connection}/provisioner`, {
      data: { kind: "postgres", adminUrl: target.adminUrl, grantRoles: [target.readonlyRole], connectionLimit: 2 },
    }),
  );
  const tokenFor = async (id: string) => (await must(await api.post(`/api/v1/users/${id}/tokens`, { data: { name: "e2e cli" } }))).token;
  return {
    connection,
    requester: { email: requester.email, token: await tokenFor(requester.id) },
    approver: { email: approver.email, token: await tokenFor(approver.id) },
    admin: browserAdmin,
  };
}

type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> };

function cli(args: string[], env: Record<string, string>): Run {
  let stdout = "";
  let stderr = "";
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "timebox.mjs"), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitingRequestId(run: Run, baseURL: string): Promise<string> {
  const pattern = new RegExp(`waiting for access request to be approved at ${baseURL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/requests/(\\w+)`);
  await expect.poll(() => pattern.exec(run.stderr())?.[1], { timeout: 20_000, message: `CLI stderr: ${run.stderr()}` }).toBeTruthy();
  return pattern.exec(run.stderr())![1]!;
}

async function asUser(page: Page, token: string, method: "post" | "get", url: string, data?: unknown) {
  const res = await page.request[method](url, { headers: { authorization: `Bearer ${token}` }, ...(data ? { data } : {}) });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

test("CLI: connect waits, approval prints Connection ready and a psql command that works; a revoke ends the session within 2 s", async ({ browser, baseURL }) => {
  const admin = await personIn(browser, "admin@example.com");
  const w = await world(admin);
  const config = mkdtempSync(path.join(tmpdir(), "timebox-e2e-cli-"));
  const env = { TIMEBOX_CONFIG_DIR: config };

  const login = cli(["login", "--url", baseURL!, "--token", w.requester.token], env);
  expect(await login.exit).toBe(0);
  expect(login.stdout()).toContain(`Logged in to ${baseURL} as ${w.requester.email}`);
  expect(statSync(path.join(config, "config.json")).mode & 0o777).toBe(0o600);

  const connect = cli(["connect", w.connection, "--duration", "2h", "--reason", "e2e: investigate orders"], env);
  const id = await waitingRequestId(connect, baseURL!);
  // Still waiting: a long-poll holds it, nothing printed to stdout yet.
  await admin.waitForTimeout(500);
  expect(connect.child.exitCode).toBeNull();
  expect(connect.stdout()).toBe("");

  await asUser(admin, w.approver.token, "post", `/api/v1/access-requests/${id}/approve`, {});
  expect(await connect.exit).toBe(0);
  const out = connect.stdout();
  expect(out).toContain("Connection ready.");
  expect(out).toContain("Access expires in 2 hours.");
  const psql = /psql "(postgresql:\/\/[^"]+)"/.exec(out)?.[1];
  expect(psql, out).toBeTruthy();

  // The printed command logs in, as the grant's own role, with the granted role's rights.
  const session = await loginAs(psql!);
  const user = new URL(psql!).username;
  expect((await session.client.query("SELECT current_user AS me, count(*)::int AS n FROM orders")).rows[0]).toEqual({ me: user, n: 2 });

  const grant = await asUser(admin, w.requester.token, "get", `/api/v1/access-requests/${id}/grant`);
  expect(grant).toMatchObject({ status: "ACTIVE", role: user, canReveal: true });

  // Revoked through the API: the running server's worker removes the login at once.
  const t0 = Date.now();
  const revoke = await admin.request.post(`/api/v1/access-requests/${id}/revoke`, { data: { reason: "e2e: done" } });
  expect(revoke.status()).toBe(200);
  await Promise.race([
    session.ended,
    new Promise((_, reject) => setTimeout(() => reject(new Error("session still open 2 s after the revoke")), 2_000)),
  ]);
  expect(Date.now() - t0).toBeLessThan(2_000);
  await expect(loginAs(psql!)).rejects.toThrow(/does not exist|not permitted to log in/);
  await expect.poll(() => roleExists(user), { timeout: 5_000 }).toBe(false);

  const show = cli(["show", id, "--json"], env);
  expect(await show.exit).toBe(0);
  expect(JSON.parse(show.stdout())).toMatchObject({ request: { status: "REVOKED" }, grant: { status: "ENDED", terminatedSessions: 1 } });
});

test("CLI: a rejection prints the reason and exits 1; Ctrl-C leaves the request pending; errors are one line", async ({ browser, baseURL }) => {
  const admin = await personIn(browser, "admin@example.com");
  const w = await world(admin);
  const env = { TIMEBOX_URL: baseURL!, TIMEBOX_TOKEN: w.requester.token, TIMEBOX_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), "timebox-e2e-cli-")) };

  const rejected = cli(["connect", w.connection, "--duration", "30m", "--reason", "e2e: please"], env);
  const id = await waitingRequestId(rejected, baseURL!);
  await asUser(admin, w.approver.token, "post", `/api/v1/access-requests/${id}/reject`, { reason: "use the staging replica" });
  expect(await rejected.exit).toBe(1);
  expect(rejected.stderr()).toContain(`Access request rejected by ${w.approver.email}: use the staging replica`);
  expect(rejected.stdout()).not.toContain("Connection ready");

  const interrupted = cli(["connect", w.connection, "--duration", "30m", "--reason", "e2e: later"], env);
  const pendingId = await waitingRequestId(interrupted, baseURL!);
  interrupted.child.kill("SIGINT");
  expect(await interrupted.exit).toBe(130);
  expect(interrupted.stderr()).toContain(`Request ${pendingId} is still pending: ${baseURL}/requests/${pendingId}`);
  expect(interrupted.stderr()).toContain(`timebox show ${pendingId}`);
  expect((await asUser(admin, w.requester.token, "get", `/api/v1/access-requests/${pendingId}`)).status).toBe("PENDING");

  // Running connect again resumes waiting on the same request; the approval then completes it.
  const resumed = cli(["connect", w.connection, "--json"], env);
  await expect.poll(() => resumed.stderr(), { timeout: 20_000 }).toContain(`waiting on it`);
  await asUser(admin, w.approver.token, "post", `/api/v1/access-requests/${pendingId}/approve`, {});
  expect(await resumed.exit).toBe(0);
  const json = JSON.parse(resumed.stdout());
  expect(json).toMatchObject({ request: { id: pendingId, status: "APPROVED" }, grant: { status: "ACTIVE" }, credentials: { database: target.database } });
  await admin.request.post(`/api/v1/access-requests/${pendingId}/revoke`, { data: { reason: "e2e cleanup" } });

  const cases: [string[], Record<string, string>, number, RegExp][] = [
    [["connect", "no-such-connection"], env, 4, /^timebox: Unknown connection "no-such-connection"\.\n$/],
    [["connect", w.connection, "--duration", "2x"], env, 2, /^timebox: .*2x.*\n$/],
    [["requests"], { ...env, TIMEBOX_TOKEN: "tbx_not-a-real-token" }, 3, /^timebox: The server refused the API token.*timebox login.*\n$/],
    [["requests"], { ...env, TIMEBOX_URL: "http://127.0.0.1:3199" }, 5, /^timebox: Cannot reach Timebox at http:\/\/127\.0\.0\.1:3199 \(connection refused\)\.\n$/],
  ];
  for (const [args, caseEnv, code, message] of cases) {
    const run = cli(args, caseEnv);
    expect(await run.exit, args.join(" ")).toBe(code);
    expect(run.stderr()).toMatch(message);
  }
});

test("web: an admin tests and saves provisioning; the requester reveals the connection details on the request page", async ({ browser }) => {
  const admin = await personIn(browser, "admin@example.com");
  const w = await world(admin);

  await admin.goto(`/admin/connections/${w.connection}`);
  const section = admin.getByRole("heading", { name: "Provisioning" }).locator("xpath=ancestor::*[@data-slot='card'][1]");
  await expect(section.getByRole("radio", { name: /PostgreSQL/ })).toBeChecked();
  await expect(section).toContainText(`Currently postgres@127.0.0.1:5432/${target.database}`);
  await section.getByRole("button", { name: "Test connection" }).click();
  await expect(section.getByTestId("provisioner-test-result")).toContainText("Connection works");
  await expect(section.getByTestId("provisioner-test-result")).toContainText("(superuser)");
  await section.getByLabel("Admin connection URL").fill("postgresql://nobody:wrong@127.0.0.1:3199/x");
  await section.getByRole("button", { name: "Test connection" }).click();
  await expect(section.getByTestId("provisioner-test-result")).toContainText("Cannot connect to the target database");
  await expect(section.getByTestId("provisioner-test-result")).not.toContainText("wrong");
  await saveScreenshot(admin, "provisioning-settings");

  // The requester asks in the browser; the approver approves through the API.
  const created = await admin.request.post("/api/v1/access-requests", {
    headers: { authorization: `Bearer ${w.requester.token}` },
    data: { connection: w.connection, duration: "1h", reason: "e2e: reveal in the browser" },
  });
  const id = (await created.json()).id as string;
  await asUser(admin, w.approver.token, "post", `/api/v1/access-requests/${id}/approve`, {});

  const requester = await personIn(browser, w.requester.email);
  await requester.goto(`/requests/${id}`);
  const status = requester.getByTestId("provisioning-status");
  await expect(status.getByTestId("provisioning-badge")).toHaveText("Ready", { timeout: 15_000 });
  await status.getByTestId("reveal-credentials").click();
  await expect(status.getByTestId("credential-database")).toHaveText(target.database);
  await expect(status.getByTestId("credential-password")).toHaveText("•".repeat(16));
  await status.getByRole("button", { name: "Show password" }).click();
  const password = await status.getByTestId("credential-password").textContent();
  expect(password).toMatch(/^[\w-]{32}$/);
  await expect(status.getByTestId("psql-command")).toContainText("psql \"postgresql://");
  await saveScreenshot(requester, "provisioning-credentials");

  await admin.request.post(`/api/v1/access-requests/${id}/revoke`, { data: { reason: "e2e: done" } });
  await expect(status.getByTestId("provisioning-badge")).toHaveText("Removed", { timeout: 15_000 });
  await expect(status.getByTestId("credentials")).toHaveCount(0);
});
