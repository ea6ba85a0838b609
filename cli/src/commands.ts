import { readFileSync } from "node:fs";
import { Api } from "./api.js";
import { configPath, readConfig, removeConfig, resolveServer, writeConfig, type Env } from "./config.js";
import { CliError, EXIT, type ExitCode } from "./errors.js";
import { expirySentence, relative, Spinner, table } from "./output.js";
import type { AccessRequest, Credentials, Grant, Me, WaitResult } from "./types.js";

export type Io = { out: (text: string) => void; err: (text: string) => void };
export type Options = Record<string, string | boolean | undefined>;
export type Ctx = { io: Io; json: boolean; env: Env };

const enc = encodeURIComponent;

function api(ctx: Ctx): Api {
  return new Api(resolveServer(ctx.env));
}

function requireArg(value: string | undefined, what: string, command: string): string {
  if (!value) throw new CliError(`Missing ${what}. See: timebox ${command} --help`, EXIT.usage);
  return value;
}

function printJson(ctx: Ctx, value: unknown): void {
  ctx.io.out(JSON.stringify(value, null, 2));
}

// ---- login, logout, whoami ---------------------------------------------------

export async function login(ctx: Ctx, _args: string[], opts: Options): Promise<ExitCode> {
  const saved = readConfig(ctx.env);
  const url = String(opts.url ?? saved?.url ?? "").replace(/\/+$/, "");
  if (!url) throw new CliError("Missing --url, e.g. timebox login --url http://localhost:3000 --token <api token>", EXIT.usage);
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
  } catch {
    throw new CliError(`--url must be an http(s) URL such as http://localhost:3000, not "${url}".`, EXIT.usage);
  }
  let token = typeof opts.token === "string" ? opts.token : undefined;
  // `--token -` reads it from stdin, keeping it out of the shell history.
  if (token === "-") token = readFileSync(0, "utf8").trim();
  if (!token) throw new CliError("Missing --token: create an API token in Timebox under Settings → API tokens.", EXIT.usage);
  const me = await new Api({ url, token }).request<Me>("GET", "/api/v1/me");
  const file = writeConfig({ url, token, email: me.email }, ctx.env);
  if (ctx.json) printJson(ctx, { url, email: me.email, config: file });
  else ctx.io.out(`Logged in to ${url} as ${me.email}. Saved to ${file} (readable by you only).`);
  return EXIT.ok;
}

export async function logout(ctx: Ctx): Promise<ExitCode> {
  const removed = removeConfig(ctx.env);
  if (ctx.json) printJson(ctx, { loggedOut: removed });
  else ctx.io.out(removed ? `Logged out: removed ${configPath(ctx.env)}.` : "Not logged in.");
  return EXIT.ok;
}

export async function whoami(ctx: Ctx): Promise<ExitCode> {
  const client = api(ctx);
  const me = await client.request<Me>("GET", "/api/v1/me");
  if (ctx.json) printJson(ctx, { ...me, url: client.server.url });
  else ctx.io.out(`${me.email}${me.name ? ` (${me.name})` : ""} on ${client.server.url}${me.isAdmin ? ", admin" : ""}; groups: ${me.groups.join(", ") || "none"}`);
  return EXIT.ok;
}

// ---- connect -------------------------------------------------------------------

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

export async function connect(ctx: Ctx, args: string[], opts: Options): Promise<ExitCode> {
  const connection = requireArg(args[0], "the connection name, e.g. timebox connect prod-postgres", "connect");
  const client = api(ctx);
  const body: Record<string, string> = { connection };
  if (opts.duration !== undefined) body.duration = String(opts.duration);
  if (opts.reason !== undefined) body.reason = String(opts.reason);

  let id: string;
  try {
    id = (await client.request<AccessRequest>("POST", "/api/v1/access-requests", { body })).id;
  } catch (error) {
    const existing = error instanceof CliError ? error.details?.existingRequestId : undefined;
    if (typeof existing !== "string") throw error;
    // Ctrl-C'd earlier? Pick the wait up again (said on stderr, so --json output stays clean).
    ctx.io.err(`You already have a pending request for ${connection} (${existing}); waiting on it.`);
    id = existing;
  }
  if (opts.wait === false) {
    const request = await client.request<AccessRequest>("GET", `/api/v1/access-requests/${enc(id)}`);
    if (ctx.json) printJson(ctx, { request });
    else ctx.io.out(`Request ${id} is ${request.status}: ${client.pageUrl(`/requests/${id}`)}`);
    return EXIT.ok;
  }
  return waitForAccess(ctx, client, id);
}

async function waitForAccess(ctx: Ctx, client: Api, id: string): Promise<ExitCode> {
  const page = client.pageUrl(`/requests/${id}`);
  const spinner = new Spinner();
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  let since: string | undefined;
  let last: WaitResult | undefined;
  let failures = 0;
  let notedAttempt = 0;
  try {
    for (;;) {
      let result: WaitResult;
      try {
        const query = `timeout=25${since ? `&since=${enc(since)}` : ""}`;
        result = await client.request<WaitResult>("GET", `/api/v1/access-requests/${enc(id)}/wait?${query}`, {
          signal: controller.signal,
          timeoutMs: 45_000,
        });
        failures = 0;
      } catch (error) {
        if (controller.signal.aborted) break;
        // A restart, a network blip or a passing server error should not end a long wait:
        // keep trying for about two minutes.
        if (error instanceof CliError && error.exitCode === EXIT.unavailable && failures < 20) {
          failures++;
          if (!ctx.json) spinner.update(error.details?.network ? `lost contact with ${client.server.url}; retrying…` : `the server had a problem (${error.message}); retrying…`);
          await sleep(Math.min(8_000, 500 * 2 ** failures), controller.signal);
          if (controller.signal.aborted) break;
          continue;
        }
        throw error;
      }
      since = result.fingerprint;
      last = result;
      const { request, grant } = result;

      if (request.status === "PENDING") {
        if (!ctx.json) spinner.update(`waiting for access request to be approved at ${page}`);
        continue;
      }
      if (request.status === "APPROVED" && request.startsAt && Date.parse(request.startsAt) > Date.now()) {
        if (!ctx.json) spinner.update(`approved; access starts ${relative(request.startsAt)} (${new Date(request.startsAt).toLocaleString()})`);
        continue;
      }
      if (request.status === "APPROVED" && request.active !== false) {
        if (grant.provisioner === "none" || grant.status === "ACTIVE") {
          spinner.stop();
          return ready(ctx, client, request, grant);
        }
        if (grant.status === "FAILED") {
          spinner.stop();
          if (ctx.json) printJson(ctx, { request, grant });
          ctx.io.err(`Access was approved, but ${grant.summary.charAt(0).toLowerCase()}${grant.summary.slice(1)}`);
          if (grant.lastError) ctx.io.err(`Error: ${grant.lastError}`);
          ctx.io.err(`Retry with: timebox retry ${id}   (or on ${page})`);
          return EXIT.provisioningFailed;
        }
        if (!ctx.json) {
          if (grant.lastError && grant.attempts !== notedAttempt) {
            notedAttempt = grant.attempts;
            spinner.note(`Attempt ${grant.attempts} to set up access failed: ${grant.lastError}`);
          }
          spinner.update(grant.lastError ? "approved; retrying to set up access…" : "approved; setting up access…");
        }
        continue;
      }
      spinner.stop();
      if (ctx.json) printJson(ctx, { request, grant });
      ctx.io.err(notGranted(request));
      return EXIT.denied;
    }
  } finally {
    spinner.stop();
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
  }
  // Interrupted.
  const status = last?.request.status ?? "PENDING";
  if (status === "PENDING") {
    ctx.io.err(`Stopped waiting. Request ${id} is still pending: ${page}`);
    ctx.io.err(`Check on it later with: timebox show ${id}   (or run the same timebox connect again to resume waiting)`);
  } else {
    ctx.io.err(`Stopped waiting. Request ${id} is ${status}: ${page}`);
    ctx.io.err(`See it with: timebox show ${id}; connection details: timebox credentials ${id}`);
  }
  return EXIT.interrupted;
}

function lastEvent(request: AccessRequest, action: string) {
  return [...(request.events ?? [])].reverse().find((e) => e.action === action);
}

function notGranted(request: AccessRequest): string {
  switch (request.status) {
    case "REJECTED": {
      const by = lastEvent(request, "request.rejected")?.actor;
      const reason = request.decisionNote;
      return `Access request rejected${by ? ` by ${by}` : ""}${reason ? `: ${reason}` : " (no reason given)."}`;
    }
    case "EXPIRED":
      return "The access request expired before anyone decided on it.";
    case "REVOKED":
      return `Access was revoked${request.endNote ? `: ${request.endNote}` : "."}`;
    default:
      return request.status === "APPROVED" || request.status === "EXECUTED"
        ? "The grant has already ended."
        : `The access request is ${request.status}.`;
  }
}

async function ready(ctx: Ctx, client: Api, request: AccessRequest, grant: Grant): Promise<ExitCode> {
  const credentials =
    grant.provisioner === "postgres"
      ? await retryUnavailable(() => client.request<Credentials>("POST", `/api/v1/access-requests/${enc(request.id)}/credentials`))
      : null;
  if (ctx.json) {
    printJson(ctx, { request, grant, credentials });
    return EXIT.ok;
  }
  const lines = ["Connection ready.", expirySentence(request.expiresAt)];
  if (credentials) lines.push("", ...credentialLines(credentials));
  else if (grant.provisioner === "webhook") lines.push(`${request.connection} was notified and confirmed the grant.`);
  else lines.push(`${request.connection} checks access with Timebox itself; connect as you usually do.`);
  ctx.io.out(lines.join("\n"));
  return EXIT.ok;
}

/** A few quick tries when the server is briefly unavailable (a restart, a passing error). */
async function retryUnavailable<T>(work: () => Promise<T>, tries = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof CliError) || error.exitCode !== EXIT.unavailable || attempt >= tries) throw error;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

function credentialLines(c: Credentials): string[] {
  return [
    `  Host      ${c.host}`,
    `  Port      ${c.port}`,
    `  Database  ${c.database}`,
    `  User      ${c.user}`,
    `  Password  ${c.password}`,
    "",
    `  ${c.psql}`,
  ];
}

// ---- credentials, retry ----------------------------------------------------------

export async function credentials(ctx: Ctx, args: string[]): Promise<ExitCode> {
  const id = requireArg(args[0], "the request id", "credentials");
  const c = await api(ctx).request<Credentials>("POST", `/api/v1/access-requests/${enc(id)}/credentials`);
  if (ctx.json) printJson(ctx, c);
  else ctx.io.out([expirySentence(c.expiresAt), "", ...credentialLines(c)].join("\n"));
  return EXIT.ok;
}

export async function retry(ctx: Ctx, args: string[]): Promise<ExitCode> {
  const id = requireArg(args[0], "the request id", "retry");
  const grant = await api(ctx).request<Grant>("POST", `/api/v1/access-requests/${enc(id)}/grant/retry`);
  if (ctx.json) printJson(ctx, grant);
  else ctx.io.out(`Retrying now: ${grant.summary}`);
  return EXIT.ok;
}

// ---- requests, show ---------------------------------------------------------------

export async function requests(ctx: Ctx, _args: string[], opts: Options): Promise<ExitCode> {
  const params = new URLSearchParams();
  if (opts.status) params.set("status", String(opts.status).toUpperCase());
  if (opts.connection) params.set("connection", String(opts.connection));
  if (opts.mine) params.set("mine", "1");
  if (opts.reviewable) params.set("reviewable", "1");
  params.set("limit", String(opts.limit ?? "25"));
  const page = await api(ctx).request<{ items: AccessRequest[]; nextCursor: string | null }>("GET", `/api/v1/access-requests?${params}`);
  if (ctx.json) {
    printJson(ctx, page);
    return EXIT.ok;
  }
  if (!page.items.length) {
    ctx.io.out("No requests.");
    return EXIT.ok;
  }
  const rows = page.items.map((r) => [
    r.id,
    r.status === "APPROVED" && r.appliedTo ? "APPROVED (applied)" : r.status === "APPROVED" && r.active === false ? "APPROVED (lapsed)" : r.status,
    r.connection,
    r.requester.email,
    r.duration,
    relative(r.createdAt),
    r.status === "APPROVED" ? relative(r.expiresAt) : "",
  ]);
  ctx.io.out(table(rows, ["ID", "STATUS", "CONNECTION", "REQUESTER", "DURATION", "CREATED", "EXPIRES"]));
  if (page.nextCursor) ctx.io.out(`… more: narrow with --status, --connection or --mine, or raise --limit (max 100).`);
  return EXIT.ok;
}

export async function show(ctx: Ctx, args: string[]): Promise<ExitCode> {
  const id = requireArg(args[0], "the request id", "show");
  const client = api(ctx);
  const request = await client.request<AccessRequest>("GET", `/api/v1/access-requests/${enc(id)}`);
  const grant = await client.request<Grant>("GET", `/api/v1/access-requests/${enc(id)}/grant`);
  if (ctx.json) {
    printJson(ctx, { request, grant });
    return EXIT.ok;
  }
  const status =
    request.status !== "APPROVED"
      ? request.status
      : request.appliedTo
        ? `APPROVED (applied to grant ${request.appliedTo.id}, ${request.appliedTo.active ? "live" : "which has ended"})`
        : request.active === false
          ? "APPROVED (lapsed)"
          : "APPROVED (active)";
  const rows: [string, string][] = [
    ["Request", request.id],
    ["Status", status],
    ["Connection", request.connection],
    ["Requester", request.requester.name ? `${request.requester.name} <${request.requester.email}>` : request.requester.email],
    ["Duration", request.duration],
    ["Reason", request.reason || "-"],
    ["Created", relative(request.createdAt)],
  ];
  if (request.extendsRequestId) rows.push(["Extends", request.extendsRequestId]);
  if (request.decidedAt) rows.push(["Decided", `${relative(request.decidedAt)}${request.decisionNote ? ` (${request.decisionNote})` : ""}`]);
  if (request.status === "APPROVED") rows.push(["Expires", relative(request.expiresAt)]);
  if (request.endedAt) rows.push(["Ended", `${relative(request.endedAt)}${request.endNote ? ` (${request.endNote})` : ""}`]);
  for (const g of request.groups) {
    const who = g.approvals.map((a) => a.user.email).join(", ");
    rows.push([`Approvals`, `${g.name}: ${g.approvals.length}/${g.minApprovals}${who ? ` (${who})` : ""}`]);
  }
  if (grant.provisioner !== "none") {
    rows.push(["Access", `${grant.summary}${grant.role ? ` Role ${grant.role}.` : ""}`]);
    if (grant.lastError) rows.push(["Error", grant.lastError]);
  }
  rows.push(["Page", client.pageUrl(`/requests/${request.id}`)]);
  ctx.io.out(rows.map(([k, v]) => `${k.padEnd(11)} ${v}`).join("\n"));
  if (grant.canReveal) ctx.io.out(`\nConnection details: timebox credentials ${request.id}`);
  if (grant.canRetry) ctx.io.out(`\nRetry: timebox retry ${request.id}`);
  return EXIT.ok;
}

// ---- approve, reject, revoke ---------------------------------------------------------

async function decide(ctx: Ctx, id: string, action: "approve" | "reject" | "revoke", body: Record<string, string>): Promise<ExitCode> {
  const request = await api(ctx).request<AccessRequest>("POST", `/api/v1/access-requests/${enc(id)}/${action}`, { body });
  if (ctx.json) {
    printJson(ctx, request);
    return EXIT.ok;
  }
  if (action === "approve") {
    if (request.status === "APPROVED") ctx.io.out(`Approved: ${request.requester.email} has access to ${request.connection}. ${expirySentence(request.expiresAt)}`);
    else {
      const open = request.groups.filter((g) => !g.satisfied).map((g) => `${g.name} (${g.minApprovals - g.approvals.length} more)`);
      ctx.io.out(`Your approval is recorded. Still waiting on: ${open.join(", ") || "nobody"}.`);
    }
  } else if (action === "reject") ctx.io.out(`Rejected request ${request.id} from ${request.requester.email}.`);
  else ctx.io.out(`Revoked: ${request.requester.email} no longer has access to ${request.connection}.`);
  return EXIT.ok;
}

export async function approve(ctx: Ctx, args: string[], opts: Options): Promise<ExitCode> {
  const id = requireArg(args[0], "the request id", "approve");
  return decide(ctx, id, "approve", opts.comment ? { comment: String(opts.comment) } : {});
}

export async function reject(ctx: Ctx, args: string[], opts: Options): Promise<ExitCode> {
  const id = requireArg(args[0], "the request id", "reject");
  return decide(ctx, id, "reject", opts.reason ? { reason: String(opts.reason) } : {});
}

export async function revoke(ctx: Ctx, args: string[], opts: Options): Promise<ExitCode> {
  const id = requireArg(args[0], "the request id", "revoke");
  if (typeof opts.reason !== "string" || !opts.reason.trim()) {
    throw new CliError('Missing --reason: revoking needs one, e.g. timebox revoke <id> --reason "incident closed"', EXIT.usage);
  }
  return decide(ctx, id, "revoke", { reason: opts.reason });
}
