/**
 * Hostile input for the REST API and the Slack endpoints, as fast-check arbitraries:
 * malformed and wrong-typed JSON, huge strings, unicode edge cases, SQL and HTML
 * payloads, bad content types, bad credentials. Used over HTTP against a running server
 * (tests/chaos/fuzz-http.test.ts) and in-process against the route handlers
 * (tests/fuzz/fuzz-api.test.ts). The rule for both: no 5xx, and a rejected call
 * (4xx) changes nothing in the database.
 */
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { KNOWN_GAPS } from "./known-gaps";

/** Strings that have broken parsers, queries and renderers before. No URLs: fuzzing stays on loopback. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "-0",
  "0x1f",
  "9".repeat(400),
  "' OR '1'='1",
  "'; DROP TABLE access_requests; --",
  "\" OR \"\"=\"",
  "1; SELECT pg_sleep(10)",
  "$1",
  "%s%s%s%n",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "{{7*7}}",
  "${7*7}",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "\\u0000",
  "\uFEFF",
  "\u202E\u0644\u0627",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͈",
  "🔥".repeat(50),
  "\uD800",
  "\uDFFF\uD800",
  "a\r\nSet-Cookie: x=1",
  "admin@localhost",
  "PENDING",
  "APPROVED",
  "1h",
  "999999h",
  "-5m",
  "30m",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
];

const anyHostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }) },
  // Long, and over the 64 KB body limit once in a body.
  { weight: 1, arbitrary: fc.constantFrom(2_000, 70_000).map((n) => "A".repeat(n)) },
);

/** While a gap in known-gaps.ts is open, strings steer around it (U+0000, lone surrogates). */
export const hostileString: fc.Arbitrary<string> = anyHostileString.map((s) => {
  let out = s;
  if (KNOWN_GAPS.nulInInput) out = out.replaceAll("\u0000", "\uFFFD");
  if (KNOWN_GAPS.loneSurrogates) out = wellFormed(out);
  return out;
});

/** Any JSON value, biased towards the hostile. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(null, true, false, 0, -1, 2 ** 53, -(2 ** 63), 1e308),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "status")), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Objects with the keys the endpoints read, each missing, wrong-typed or hostile. */
const FIELD_NAMES = [
  "connection",
  "duration",
  "reason",
  "ticket",
  "startsAt",
  "emergency",
  "comment",
  "name",
  "email",
  "emails",
  "type",
  "approvalGroups",
  "minApprovals",
  "maxDuration",
  "defaultDuration",
  "autoApproveAdmins",
  "description",
  "reasonRequired",
  "reasonMinLength",
  "reasonPattern",
  "ticketMode",
  "ticketPattern",
  "pendingTimeout",
  "breakGlassGroups",
  "slackUserId",
  "slackChannels",
  "teamsWebhookUrl",
  "emailEnabled",
  "kind",
  "grantRoles",
  "connectionLimit",
  "note",
  "id",
];

export const hostileObject: fc.Arbitrary<Record<string, unknown>> = fc
  .subarray(FIELD_NAMES, { minLength: 0, maxLength: 6 })
  .chain((keys) => fc.tuple(...keys.map(() => hostileValue)).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))));

export type HostileBody =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; text: string; contentType: string | null };

const RAW_BODIES = [
  "{",
  "[1,",
  '{"connection":',
  "{'single': 'quotes'}",
  "NaN",
  '{"a":1}{"b":2}',
  ...(KNOWN_GAPS.nulInInput ? [] : ["\u0000\u0001\u0002"]),
  "\uFEFF{}",
  "[".repeat(5_000) + "]".repeat(5_000),
  '{"a":'.repeat(3_000) + "1" + "}".repeat(3_000),
  "x".repeat(70_000),
];

export const hostileBody: fc.Arbitrary<HostileBody> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<HostileBody>({ kind: "none" }) },
  { weight: 5, arbitrary: hostileObject.map((value): HostileBody => ({ kind: "json", value })) },
  { weight: 2, arbitrary: hostileValue.map((value): HostileBody => ({ kind: "json", value })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.oneof(fc.constantFrom(...RAW_BODIES), hostileString), fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", null))
      .map(([text, contentType]): HostileBody => ({ kind: "raw", text, contentType })),
  },
);

export type Who = "none" | "bad-token" | "requester" | "approver" | "admin";

export type HostileCall = { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; path: string; who: Who; body: HostileBody };

export type Known = { requestIds: string[]; connections: string[]; groups: string[]; userIds: string[]; emails: string[] };

/** A path segment; "." and ".." are escaped too, so no segment can climb the path. */
const seg = (s: string) => (s === "." || s === ".." ? s.replaceAll(".", "%2E") : encodeURIComponent(wellFormed(s)));

/** Lone surrogates become U+FFFD, as any HTTP client would send them in a URL. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** Strings short enough for a URL (a 70 KB query only meets Node's header limit, 431). */
const urlString = hostileString.filter((s) => s.length < 3_000);

/** A query string of known and unknown parameters with hostile values. */
const hostileQuery = (keys: string[]) =>
  fc
    .dictionary(fc.oneof(fc.constantFrom(...keys), urlString), fc.oneof(urlString, fc.constantFrom("1", "0", "true", "25", "100", "101")), { maxKeys: 4 })
    .map((params) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) q.append(k, k === "timeout" ? "0" : v); // never hold a long-poll open
      const text = q.toString();
      return text ? `?${text}` : "";
    });

/** Calls across the REST API: the path's ids, names and query, the caller and the body are all fuzzed. */
export function hostileCall(known: Known): fc.Arbitrary<HostileCall> {
  const id = fc.oneof(fc.constantFrom(...known.requestIds), urlString.filter((s) => s.length > 0 && s.length < 1000));
  const conn = fc.oneof(fc.constantFrom(...known.connections), urlString.filter((s) => s.length > 0 && s.length < 1000));
  const group = fc.oneof(fc.constantFrom(...known.groups), urlString.filter((s) => s.length > 0 && s.length < 1000));
  const user = fc.oneof(fc.constantFrom(...known.userIds), urlString.filter((s) => s.length > 0 && s.length < 1000));
  const email = fc.oneof(fc.constantFrom(...known.emails), urlString.filter((s) => s.length > 0 && s.length < 1000));
  const who = fc.constantFrom<Who>("none", "bad-token", "requester", "approver", "admin", "admin", "requester");
  const listKeys = ["status", "connection", "mine", "reviewable", "decidedByMe", "needsReview", "cursor", "limit", "tab", "action", "actor", "requestId", "from", "to", "format", "days", "user", "since", "timeout"];
  const routes: fc.Arbitrary<{ method: HostileCall["method"]; path: string }>[] = [
    hostileQuery(listKeys).map((q) => ({ method: "GET" as const, path: `/api/v1/access-requests${q}` })),
    fc.constant({ method: "POST" as const, path: "/api/v1/access-requests" }),
    fc
      .tuple(id, fc.constantFrom("approve", "reject", "revoke", "force-approve", "extend", "release", "acknowledge", "credentials", "grant/retry"))
      .map(([i, action]) => ({ method: "POST" as const, path: `/api/v1/access-requests/${seg(i)}/${action}` })),
    fc.tuple(id, fc.constantFrom("", "/grant")).map(([i, sub]) => ({ method: "GET" as const, path: `/api/v1/access-requests/${seg(i)}${sub}` })),
    fc.tuple(id, hostileQuery(["since", "timeout"])).map(([i, q]) => ({ method: "GET" as const, path: `/api/v1/access-requests/${seg(i)}/wait${q || "?timeout=0"}` })),
    fc.tuple(conn, hostileQuery(["user"])).map(([c, q]) => ({ method: "GET" as const, path: `/api/v1/connections/${seg(c)}/access${q}` })),
    fc.constant({ method: "POST" as const, path: "/api/v1/connections" }),
    fc.tuple(conn, fc.constantFrom<HostileCall["method"]>("GET", "PATCH")).map(([c, method]) => ({ method, path: `/api/v1/connections/${seg(c)}` })),
    fc.tuple(conn, fc.constantFrom<HostileCall["method"]>("GET", "PUT")).map(([c, method]) => ({ method, path: `/api/v1/connections/${seg(c)}/channels` })),
    conn.map((c) => ({ method: "GET" as const, path: `/api/v1/connections/${seg(c)}/provisioner` })),
    fc.constantFrom<HostileCall["method"]>("GET", "POST").map((method) => ({ method, path: "/api/v1/groups" })),
    fc.tuple(group, fc.constantFrom<HostileCall["method"]>("PUT", "POST")).map(([g, method]) => ({ method, path: `/api/v1/groups/${seg(g)}/members` })),
    fc.tuple(group, email).map(([g, e]) => ({ method: "DELETE" as const, path: `/api/v1/groups/${seg(g)}/members/${seg(e)}` })),
    fc.constantFrom<HostileCall["method"]>("GET", "POST").map((method) => ({ method, path: "/api/v1/users" })),
    user.map((u) => ({ method: "POST" as const, path: `/api/v1/users/${seg(u)}/tokens` })),
    user.map((u) => ({ method: "PUT" as const, path: `/api/v1/users/${seg(u)}/slack` })),
    fc.constantFrom<HostileCall["method"]>("GET", "POST").map((method) => ({ method, path: "/api/v1/tokens" })),
    urlString.filter((s) => s.length > 0 && s.length < 1000).map((t) => ({ method: "DELETE" as const, path: `/api/v1/tokens/${seg(t)}` })),
    fc
      .tuple(fc.constantFrom("/api/v1/audit", "/api/v1/audit/export", "/api/v1/insights", "/api/v1/grants", "/api/v1/reviews", "/api/v1/reviews/emergency", "/api/v1/outbox/dead-jobs", "/api/v1/me", "/api/v1/notifications/status"), hostileQuery(listKeys))
      .map(([p, q]) => ({ method: "GET" as const, path: `${p}${q}` })),
    urlString.filter((s) => s.length > 0 && s.length < 1000).map((j) => ({ method: "POST" as const, path: `/api/v1/outbox/dead-jobs/${seg(j)}/retry` })),
  ];
  return fc.record({ route: fc.oneof(...routes), who, body: hostileBody }).map(({ route, who: w, body }) => ({
    method: route.method,
    path: route.path,
    who: w,
    body: route.method === "GET" || route.method === "DELETE" ? ({ kind: "none" } as const) : body,
  }));
}

// ---------------------------------------------------------------------------------------
// Slack: signed (mostly) interaction payloads and slash commands with hostile content.

export type SlackCall = { path: string; body: string; headers: Record<string, string> };

/** UOUTSIDER is linked to a Timebox user who may approve nothing: the deeper paths run, and still nothing may change. */
const slackUser = fc.oneof(fc.constantFrom("U0FUZZ", "UNLINKED", "", "UOUTSIDER", "UOUTSIDER"), hostileString.filter((s) => s.length < 500));

/** Where Slack always sends a string; any JSON value once KNOWN_GAPS.slackPayloadTypes is fixed. */
const slackText = (s: fc.Arbitrary<string>): fc.Arbitrary<unknown> => (KNOWN_GAPS.slackPayloadTypes ? s : fc.oneof(s, hostileValue));

function slackInteraction(known: Known): fc.Arbitrary<unknown> {
  const requestId = fc.oneof(fc.constantFrom(...known.requestIds), hostileString.filter((s) => s.length < 500));
  return fc.oneof(
    fc.record({
      type: fc.constantFrom("block_actions"),
      user: fc.record({ id: slackUser }),
      channel: fc.option(fc.record({ id: hostileString.filter((s) => s.length < 200) }), { nil: undefined }),
      trigger_id: fc.option(hostileString.filter((s) => s.length < 200), { nil: undefined }),
      actions: fc.array(fc.record({ action_id: fc.oneof(fc.constantFrom("timebox_approve", "timebox_reject", "open"), hostileString), value: slackText(requestId) }), { maxLength: 2 }),
    }),
    fc.record({
      type: fc.constantFrom("view_submission"),
      user: fc.record({ id: slackUser }),
      view: fc.record({
        callback_id: fc.oneof(fc.constantFrom("timebox_reject_modal"), hostileString),
        private_metadata: fc.oneof(
          requestId,
          hostileString,
          requestId.map((id) => JSON.stringify({ requestId: id })),
          (KNOWN_GAPS.slackPayloadTypes ? hostileObject : hostileValue).map((v) => JSON.stringify(v) ?? ""),
        ),
        state: fc.oneof(
          KNOWN_GAPS.slackPayloadTypes ? fc.constant({}) : hostileValue,
          fc.record({
            values: fc.oneof(
              fc.dictionary(hostileString, fc.dictionary(hostileString, fc.record({ value: fc.oneof(hostileString, fc.constant(null)) }))),
              fc.record({ reason: fc.record({ reason_input: fc.record({ value: slackText(hostileString) }) }) }),
            ),
          }),
        ),
      }),
    }),
    hostileValue,
    hostileObject,
  );
}

export function slackSign(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "X-Slack-Request-Timestamp": String(timestamp), "X-Slack-Signature": signature };
}

/** Slack calls; `sign(body)` makes the headers (most are validly signed, so the payload is what gets fuzzed). */
export function hostileSlackCall(known: Known, secret: string): fc.Arbitrary<SlackCall> {
  const interactionBody = fc.oneof(
    { weight: 6, arbitrary: slackInteraction(known).map((p) => new URLSearchParams({ payload: JSON.stringify(p) ?? "null" }).toString()) },
    { weight: 1, arbitrary: hostileString.map((s) => new URLSearchParams({ payload: s }).toString()) },
    { weight: 1, arbitrary: fc.oneof(hostileString, fc.constantFrom("payload=", "payload=%7B", "=&=&", "payload=%00", "%%%")) },
  );
  const commandBody = fc
    .record({ command: fc.oneof(fc.constant("/timebox"), hostileString), text: hostileString, user_id: slackUser, user_name: hostileString, trigger_id: hostileString, response_url: fc.constant("") })
    .map((r) => new URLSearchParams(r as Record<string, string>).toString());
  const signing = fc.constantFrom("valid", "valid", "valid", "valid", "none", "wrong", "stale", "future");
  return fc
    .tuple(fc.constantFrom("/api/integrations/slack/interactions", "/api/integrations/slack/interactions", "/api/integrations/slack/commands"), interactionBody, commandBody, signing)
    .map(([path, interaction, command, how]) => {
      const body = path.endsWith("commands") ? command : interaction;
      const now = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
      if (how === "valid") Object.assign(headers, slackSign(secret, body, now));
      if (how === "wrong") Object.assign(headers, slackSign("not-the-secret", body, now));
      if (how === "stale") Object.assign(headers, slackSign(secret, body, now - 3_600));
      if (how === "future") Object.assign(headers, slackSign(secret, body, now + 3_600));
      return { path, body, headers };
    });
}

/**
 * A fingerprint of everything the app stores, except what a rejected call may still
 * touch by design: api_tokens.last_used_at (authentication), slack_seen_requests (replay
 * protection) and notify.slack.ephemeral jobs (the private "nothing was changed" reply to
 * whoever pressed a Slack button).
 */
export const STATE_FINGERPRINT_SQL = `
  SELECT md5(string_agg(h, '|' ORDER BY t)) AS fingerprint FROM (
    SELECT 'users' t, md5(coalesce(string_agg(x::text, ',' ORDER BY x.id), '')) h FROM users x
    UNION ALL SELECT 'accounts', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM accounts x
    UNION ALL SELECT 'sessions', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM sessions x
    UNION ALL SELECT 'groups', md5(coalesce(string_agg(x::text, ',' ORDER BY x.id), '')) FROM groups x
    UNION ALL SELECT 'group_members', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM group_members x
    UNION ALL SELECT 'connections', md5(coalesce(string_agg(x::text, ',' ORDER BY x.id), '')) FROM connections x
    UNION ALL SELECT 'cag', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM connection_approval_groups x
    UNION ALL SELECT 'cbg', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM connection_break_glass_groups x
    UNION ALL SELECT 'cns', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM connection_notification_settings x
    UNION ALL SELECT 'cp', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM connection_provisioners x
    UNION ALL SELECT 'api_tokens', md5(coalesce(string_agg(x.id || x.user_id || x.name || x.token_hash || coalesce(x.revoked_at::text, ''), ',' ORDER BY x.id), '')) FROM api_tokens x
    UNION ALL SELECT 'requests', md5(coalesce(string_agg(x::text, ',' ORDER BY x.id), '')) FROM access_requests x
    UNION ALL SELECT 'request_groups', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM request_groups x
    UNION ALL SELECT 'approvals', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM approvals x
    UNION ALL SELECT 'grants', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM access_grants x
    UNION ALL SELECT 'audit', count(*)::text || ':' || coalesce(max(id), 0)::text FROM audit_events
    UNION ALL SELECT 'outbox', md5(coalesce(string_agg(x.id || x.status, ',' ORDER BY x.id), '')) FROM outbox_jobs x WHERE x.kind <> 'notify.slack.ephemeral'
    UNION ALL SELECT 'used_link_tokens', count(*)::text FROM used_link_tokens
    UNION ALL SELECT 'dev_outbox', count(*)::text FROM dev_outbox_emails
    UNION ALL SELECT 'settings', md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM app_settings x
  ) s`;
