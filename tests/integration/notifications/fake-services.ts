/**
 * Fake Slack Web API, Resend and Teams webhooks on 127.0.0.1, recording what Timebox sent.
 * One HTTP server, three prefixes: /slack/api/<method>, /resend/emails, /teams/<hook>.
 * Failures can be queued per endpoint (e.g. 500 twice, then the normal answer).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type SlackCall = { method: string; args: Record<string, unknown>; token: string | null };
export type ResendCall = { body: { from: string; to: string | string[]; subject: string; html: string; text: string }; idempotencyKey: string | null };
export type TeamsCall = { hook: string; body: { attachments: { content: { body: { text?: string; facts?: { title: string; value: string }[] }[]; actions: { url: string; title: string }[] } }[] } };

type Failure = { status: number; body?: unknown; hang?: boolean };

function parseSlackArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes("json")) return raw ? JSON.parse(raw) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      args[key] = value;
    }
  }
  return args;
}

export class FakeServices {
  readonly slack: SlackCall[] = [];
  readonly resend: ResendCall[] = [];
  readonly teams: TeamsCall[] = [];
  /** Every attempt, including failed ones, as "<service>:<method>:<status>". */
  readonly attempts: string[] = [];
  private failures = new Map<string, Failure[]>();
  private server = http.createServer((req, res) => void this.handle(req, res));
  private seq = 0;
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  get slackApiUrl() {
    return `${this.url}/slack/api/`;
  }
  get resendUrl() {
    return `${this.url}/resend`;
  }
  teamsHook(name: string) {
    return `${this.url}/teams/${name}`;
  }

  /** Queue answers for an endpoint: "slack:chat.postMessage", "resend:emails", "teams:<hook>". */
  fail(endpoint: string, ...failures: Failure[]): void {
    this.failures.set(endpoint, [...(this.failures.get(endpoint) ?? []), ...failures]);
  }

  slackCalls(method: string, filter: (args: Record<string, unknown>) => boolean = () => true): SlackCall[] {
    return this.slack.filter((c) => c.method === method && filter(c.args));
  }

  /** Slack calls whose text or blocks mention the string (a request id, a name). */
  slackAbout(method: string, needle: string): SlackCall[] {
    return this.slackCalls(method, (args) => JSON.stringify(args).includes(needle));
  }

  emailsTo(address: string): ResendCall[] {
    return this.resend.filter((c) => [c.body.to].flat().includes(address));
  }

  teamsTo(hook: string): TeamsCall[] {
    return this.teams.filter((c) => c.hook === hook);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url ?? "/", this.url).pathname;
    let endpoint = "unknown";
    if (path.startsWith("/slack/api/")) endpoint = `slack:${path.slice("/slack/api/".length)}`;
    else if (path === "/resend/emails") endpoint = "resend:emails";
    else if (path.startsWith("/teams/")) endpoint = `teams:${path.slice("/teams/".length)}`;

    const failure = this.failures.get(endpoint)?.shift();
    if (failure?.hang) return; // never answers: a send cut off mid-flight
    if (failure) {
      this.attempts.push(`${endpoint}:${failure.status}`);
      res.writeHead(failure.status, { "content-type": "application/json" });
      res.end(JSON.stringify(failure.body ?? { error: "fake failure" }));
      return;
    }
    this.attempts.push(`${endpoint}:200`);
    const reply = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (endpoint.startsWith("slack:")) {
      const method = endpoint.slice("slack:".length);
      const args = parseSlackArgs(req.headers["content-type"] ?? "", raw);
      const token = (req.headers.authorization ?? "").replace(/^Bearer /, "") || null;
      this.slack.push({ method, args, token });
      const channel = String(args.channel ?? "");
      const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}`;
      // Slack answers with the channel id even when posted to a name.
      const channelId = channel.startsWith("#") ? `C${channel.slice(1).toUpperCase().replace(/[^A-Z0-9]/g, "")}` : channel;
      if (method === "chat.postMessage") return reply({ ok: true, channel: channelId, ts, message: { ts } });
      if (method === "chat.update") return reply({ ok: true, channel, ts: args.ts });
      if (method === "chat.postEphemeral") return reply({ ok: true, message_ts: ts });
      if (method === "views.open") return reply({ ok: true, view: { id: `V${this.seq}` } });
      return reply({ ok: true });
    }
    if (endpoint === "resend:emails") {
      this.resend.push({ body: JSON.parse(raw), idempotencyKey: (req.headers["idempotency-key"] as string) ?? null });
      return reply({ id: `email-${++this.seq}` });
    }
    if (endpoint.startsWith("teams:")) {
      this.teams.push({ hook: endpoint.slice("teams:".length), body: JSON.parse(raw) });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("1");
      return;
    }
    res.writeHead(404).end();
  }
}
