import { createHmac } from "node:crypto";
import { resetEnvForTests } from "@/lib/env";
import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { REQUEST_EVENT_JOB } from "@/lib/access/publish-request-event";
import { ALL_NOTIFY_KINDS } from "@/lib/notifications/kinds";
import type { FakeServices } from "./fake-services";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-bot-token";

const NAMES = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "RESEND_API_KEY", "RESEND_BASE_URL", "TIMEBOX_PUBLIC_URL", "TIMEBOX_DEMO"] as const;

/** Points this test file's Timebox at the fakes; returns a function that puts the environment back. */
export function useFakes(fakes: FakeServices, extra: Record<string, string> = {}): () => void {
  const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
  Object.assign(process.env, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fakes.slackApiUrl,
    RESEND_API_KEY: "re_test_key",
    RESEND_BASE_URL: fakes.resendUrl,
    TIMEBOX_PUBLIC_URL: "https://timebox.test",
    TIMEBOX_DEMO: "",
    ...extra,
  });
  resetEnvForTests();
  return () => {
    for (const n of NAMES) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
    resetEnvForTests();
  };
}

const KINDS = [REQUEST_EVENT_JOB, ...ALL_NOTIFY_KINDS];

/**
 * Runs the dispatcher for these requests' notification jobs until nothing is due at `now`.
 * Scoped so tests sharing the database never run each other's jobs.
 */
export async function drain(requestIds: string[], now = new Date()): Promise<{ done: number; retrying: number; dead: number }> {
  const total = { done: 0, retrying: 0, dead: 0 };
  for (let round = 0; round < 30; round++) {
    const r = await dispatchJobs({ requestIds, kinds: KINDS, now, limit: 100 });
    total.done += r.done;
    total.retrying += r.retrying;
    total.dead += r.dead;
    if (r.claimed === 0) return total;
  }
  throw new Error("the outbox did not drain in 30 rounds");
}

export const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);

/** A request signed the way Slack signs it (v0 over the raw body). */
export function slackRequest(path: string, form: Record<string, string>, opts: { secret?: string; timestamp?: number; signature?: string } = {}): Request {
  const body = new URLSearchParams(form).toString();
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = opts.signature ?? `v0=${createHmac("sha256", opts.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signature,
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    },
    body,
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler in-process; returns status and parsed JSON (or null for an empty body). */
export async function invoke(handler: Handler | undefined, request: Request, params: Record<string, string> = {}) {
  if (!handler) throw new Error("no handler");
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export function jsonRequest(method: string, path: string, token: string, body?: unknown): Request {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The block_actions payload Slack sends when someone presses a button on our message. */
export function buttonPress(slackUserId: string, actionId: string, requestId: string) {
  return {
    payload: JSON.stringify({
      type: "block_actions",
      user: { id: slackUserId },
      channel: { id: "CAPPROVALS" },
      trigger_id: "trigger-1",
      actions: [{ action_id: actionId, value: requestId }],
    }),
  };
}
