/**
 * Hostile input over HTTP against a running `next start`: thousands of fuzzed calls to the
 * REST API and the Slack endpoints. No call may get a 5xx, and a call that is refused (4xx)
 * must leave the database exactly as it was (see STATE_FINGERPRINT_SQL for the exceptions).
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { adminApi, adminOf, api, chaosDatabase, deploymentEnv, Receiver, startInstance, type Caller, type Instance } from "./harness";
import { hostileCall, hostileSlackCall, STATE_FINGERPRINT_SQL, type HostileCall, type Known, type Who } from "./hostile-input";
import type { BenchDatabase } from "../../scripts/bench/lib/database";

const REST_RUNS = Number(process.env.FUZZ_RUNS ?? 2_500);
const SLACK_RUNS = Math.ceil(REST_RUNS / 2);
const SLACK_SECRET = "chaos-slack-signing-secret-0123456789";

let database: BenchDatabase;
let receiver: Receiver;
let app: Instance;
let client: pg.Client;
let known: Known;
const callers: Partial<Record<Who, Caller>> = { none: {}, "bad-token": { token: "tbx_thisisnotatokenthisisnotatokenthisisnot" } };

beforeAll(async () => {
  database = await chaosDatabase();
  receiver = await new Receiver().start();
  app = await startInstance(
    deploymentEnv(database, {
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: "xoxb-chaos-fuzz",
      SLACK_API_URL: `${receiver.url}/slack/api/`,
      TIMEBOX_REQUESTS_PER_MINUTE: "50",
    }),
    "fuzz-target",
  );
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const admin = adminApi(app.url, adminOf(app));
  await admin.group("dba");
  const requester = await admin.user("requester@chaos.test");
  const approver = await admin.user("approver@chaos.test");
  await admin.members("dba", ["approver@chaos.test"]);
  await admin.connection({ name: "prod-db", approvalGroups: ["dba"] });
  await admin.connection({ name: "open-db", approvalGroups: [] });
  // A Slack account linked to someone who may approve nothing: Slack actions run deep and are refused.
  const outsider = await admin.user("outsider@chaos.test");
  await admin.must("PUT", `/api/v1/users/${outsider.id}/slack`, { slackUserId: "UOUTSIDER" });
  callers.requester = await admin.token(requester.id);
  callers.approver = await admin.token(approver.id);
  callers.admin = adminOf(app);
  const pending = await api<{ id: string }>(app.url, "POST", "/api/v1/access-requests", callers.requester, { connection: "prod-db", duration: "1h", reason: "fuzz" });
  const granted = await api<{ id: string }>(app.url, "POST", "/api/v1/access-requests", callers.requester, { connection: "open-db", duration: "1h", reason: "fuzz" });
  known = {
    requestIds: [pending.body.id, granted.body.id],
    connections: ["prod-db", "open-db"],
    groups: ["dba", "admin"],
    userIds: [requester.id, approver.id],
    emails: ["requester@chaos.test", "approver@chaos.test"],
  };
});

afterAll(async () => {
  await client?.end();
  await app?.stop();
  await receiver?.stop();
  await database?.drop();
});

const fingerprint = async () => (await client.query<{ fingerprint: string }>(STATE_FINGERPRINT_SQL)).rows[0]!.fingerprint;

/**
 * Calls in flight. A fingerprint check holds only if nothing else writes meanwhile: a property
 * that outlived its test (vitest does not cancel a timed-out test) would go on sending calls
 * while the next test runs, and their writes would be blamed on that test's calls (in-process,
 * once on a replayed Slack call, which never reaches the handler). So each property stops
 * itself before the test timeout (tests/chaos/vitest.config.ts: 300 s), and each test waits
 * for the call that was running when the previous one stopped.
 */
let inFlight = 0;
const stopInTime = { interruptAfterTimeLimit: 280_000, markInterruptAsFailure: true };
beforeEach(async () => {
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
});

async function tracked<T>(call: () => Promise<T>): Promise<T> {
  expect(inFlight, "another call is still running: its writes would be blamed on this one").toBe(0);
  inFlight++;
  try {
    return await call();
  } finally {
    inFlight--;
  }
}

async function send(call: HostileCall): Promise<{ status: number; text: string }> {
  return tracked(() => sendNow(call));
}

async function sendNow(call: HostileCall): Promise<{ status: number; text: string }> {
  const caller = callers[call.who] ?? {};
  const headers: Record<string, string> = {};
  if (caller.token) headers.Authorization = `Bearer ${caller.token}`;
  let body: string | undefined;
  if (call.body.kind === "json") {
    body = JSON.stringify(call.body.value) ?? "null";
    headers["Content-Type"] = "application/json";
  } else if (call.body.kind === "raw") {
    body = call.body.text;
    if (call.body.contentType) headers["Content-Type"] = call.body.contentType;
  }
  const response = await fetch(`${app.url}${call.path}`, { method: call.method, headers, body, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  return { status: response.status, text: await response.text() };
}

const describeCall = (call: HostileCall) => `${call.who} ${call.method} ${call.path.slice(0, 300)} ${JSON.stringify(call.body).slice(0, 300)}`;

/** The server's log from the last unhandled error on, to say where a 500 came from. */
const lastServerError = () => {
  const output = app.output();
  const at = output.lastIndexOf("Unhandled");
  return at < 0 ? "" : `\nserver log: ${output.slice(at, at + 1500)}`;
};

/** Answers Node's HTTP parser gives before the app sees the request (URL or headers too large). */
const TRANSPORT_STATUSES = new Set([414, 431]);

it(`REST API: ${REST_RUNS} hostile calls, no 5xx, refused calls change nothing`, async () => {
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(hostileCall(known), async (call) => {
      const before = await fingerprint();
      const { status, text } = await send(call);
      statuses[status] = (statuses[status] ?? 0) + 1;
      expect(status, `${describeCall(call)} → ${status} ${text.slice(0, 500)}${status >= 500 ? lastServerError() : ""}`).toBeLessThan(500);
      if (status >= 400) {
        expect(await fingerprint(), `refused call changed the database: ${describeCall(call)} → ${status}`).toBe(before);
        const parsed = (() => {
          try {
            return JSON.parse(text) as { error?: { code?: string; message?: string } };
          } catch {
            return null;
          }
        })();
        if (!TRANSPORT_STATUSES.has(status)) {
          expect(parsed?.error?.code, `${describeCall(call)} → ${status} without the error shape: ${text.slice(0, 300)}`).toBeTypeOf("string");
        }
      }
    }),
    { numRuns: REST_RUNS, endOnFailure: true, ...stopInTime },
  );
  console.log(`REST fuzz: ${REST_RUNS} calls, statuses ${JSON.stringify(statuses)}`);
});

it(`Slack endpoints: ${SLACK_RUNS} hostile, mostly validly signed calls, no 5xx, nothing changes`, async () => {
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(hostileSlackCall(known, SLACK_SECRET), async (call) => {
      const before = await fingerprint();
      const { response, text } = await tracked(async () => {
        const response = await fetch(`${app.url}${call.path}`, { method: "POST", headers: call.headers, body: call.body, signal: AbortSignal.timeout(30_000) });
        return { response, text: await response.text() };
      });
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const what = `${call.path} ${JSON.stringify(call.headers)} ${call.body.slice(0, 400)}`;
      expect(response.status, `${what} → ${response.status} ${text.slice(0, 500)}${response.status >= 500 ? lastServerError() : ""}`).toBeLessThan(500);
      // The only linked Slack user may approve nothing: nothing these calls say may change anything.
      expect(await fingerprint(), `Slack call changed the database: ${what} → ${response.status}`).toBe(before);
    }),
    { numRuns: SLACK_RUNS, endOnFailure: true, ...stopInTime },
  );
  console.log(`Slack fuzz: ${SLACK_RUNS} calls, statuses ${JSON.stringify(statuses)}`);
});
