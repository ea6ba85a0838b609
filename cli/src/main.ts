import { readFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import * as commands from "./commands.js";
import { CliError, EXIT, type ExitCode } from "./errors.js";
import type { Env } from "./config.js";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>;
type Command = {
  usage: string;
  summary: string;
  details: string;
  options: OptionSpec;
  run: (ctx: commands.Ctx, args: string[], opts: commands.Options) => Promise<ExitCode>;
};

const common: OptionSpec = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

const COMMANDS: Record<string, Command> = {
  login: {
    usage: "timebox login --url <server> --token <api token>",
    summary: "Save the server and your API token",
    details: `Checks the token against the server, then saves both to your config directory
(~/.config/timebox/config.json on Linux), readable by you only (mode 600).
Create a token in Timebox under Settings → API tokens.

Options:
  --url <url>      The Timebox server, e.g. http://localhost:3000
  --token <token>  Your API token; "-" reads it from stdin (keeps it out of shell history)`,
    options: { url: { type: "string" }, token: { type: "string" } },
    run: commands.login,
  },
  logout: { usage: "timebox logout", summary: "Forget the saved server and token", details: "", options: {}, run: commands.logout },
  whoami: { usage: "timebox whoami", summary: "Show who the token signs you in as", details: "", options: {}, run: commands.whoami },
  connect: {
    usage: 'timebox connect <connection> [--duration 2h] [--reason "..."]',
    summary: "Request access and wait until it is usable",
    details: `Creates an access request, then waits (a long-poll, not a busy loop) until it is
decided. On approval it prints "Connection ready.", when access expires, and the
credentials with a ready psql command when Timebox provisions them. A rejection
prints the reason and exits 1. Ctrl-C stops waiting and leaves the request pending;
running the same command again resumes waiting on it.

Options:
  --duration <d>   How long, e.g. 30m, 2h, 1h30m (default: the connection's default)
  --reason <text>  Why you need access (shown to approvers)
  --no-wait        Create the request and print its status without waiting`,
    options: { duration: { type: "string" }, reason: { type: "string" }, "no-wait": { type: "boolean" } },
    run: (ctx, args, opts) => commands.connect(ctx, args, { ...opts, wait: opts["no-wait"] ? false : undefined }),
  },
  requests: {
    usage: "timebox requests [--status pending] [--mine] [--reviewable] [--connection <name>]",
    summary: "List access requests you can see",
    details: `Options:
  --status <s>         PENDING, APPROVED, REJECTED, REVOKED, EXECUTED or EXPIRED
  --mine               Only your own requests
  --reviewable         Only requests you can approve now
  --connection <name>  Only requests for this connection
  --limit <n>          How many (1-100, default 25)`,
    options: {
      status: { type: "string" },
      mine: { type: "boolean" },
      reviewable: { type: "boolean" },
      connection: { type: "string" },
      limit: { type: "string" },
    },
    run: commands.requests,
  },
  show: { usage: "timebox show <id>", summary: "Show a request, its approvals and its access", details: "", options: {}, run: commands.show },
  credentials: {
    usage: "timebox credentials <id>",
    summary: "Show the connection details of your active grant",
    details: "Only the requester can reveal them, and only while the grant is active. Every reveal is audited.",
    options: {},
    run: commands.credentials,
  },
  approve: {
    usage: 'timebox approve <id> [--comment "..."]',
    summary: "Approve a request",
    details: "Options:\n  --comment <text>  A note for the timeline",
    options: { comment: { type: "string" } },
    run: commands.approve,
  },
  reject: {
    usage: 'timebox reject <id> [--reason "..."]',
    summary: "Reject a pending request",
    details: "Options:\n  --reason <text>  Why (shown to the requester)",
    options: { reason: { type: "string" } },
    run: commands.reject,
  },
  revoke: {
    usage: 'timebox revoke <id> --reason "..."',
    summary: "End an active grant now (admins)",
    details: "Options:\n  --reason <text>  Required: why the grant ends early",
    options: { reason: { type: "string" } },
    run: commands.revoke,
  },
  retry: {
    usage: "timebox retry <id>",
    summary: "Retry setting up (or removing) a grant's access after a failure",
    details: "",
    options: {},
    run: commands.retry,
  },
};

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return `timebox: just-in-time, time-boxed access from the command line

Usage: timebox <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join("\n")}

Every command takes --help, and --json for output scripts can read.
Exit codes: 0 ok, 1 access not granted, 2 usage or invalid input, 3 not logged in or
bad token, 4 not found, 5 server unreachable or failing, 6 not allowed or wrong state,
7 provisioning failed, 130 interrupted. See docs/cli.md.

Environment: TIMEBOX_URL and TIMEBOX_TOKEN override the saved login;
TIMEBOX_CONFIG_DIR moves the config directory.`;
}

function commandHelp(name: string, c: Command): string {
  return [`${c.summary}.`, "", `Usage: ${c.usage}`, ...(c.details ? ["", c.details] : []), "", "Also: --json (machine-readable output), --help"].join("\n");
}

export async function main(argv: string[], io: commands.Io = defaultIo, env: Env = process.env): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) io.out(commandHelp(topic, COMMANDS[topic]));
    else io.out(mainHelp());
    return EXIT.ok;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.out(version());
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`timebox: unknown command "${name}". Run "timebox --help" for the list.`);
    return EXIT.usage;
  }
  let parsed: { values: commands.Options; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { ...common, ...command.options }, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option/, "unknown option");
    io.err(`timebox ${name}: ${message}. See: timebox ${name} --help`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out(commandHelp(name, command));
    return EXIT.ok;
  }
  const ctx: commands.Ctx = { io, json: Boolean(parsed.values.json), env };
  try {
    return await command.run(ctx, parsed.positionals, parsed.values);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`timebox: ${error.message}`);
      return error.exitCode;
    }
    io.err(`timebox: unexpected error: ${(error as Error).message ?? String(error)}`);
    return EXIT.unavailable;
  }
}

const defaultIo: commands.Io = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
};
