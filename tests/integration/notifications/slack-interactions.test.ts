import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { checkSlackLink, linkSlackAccount } from "@/lib/slack/link-account";
import { updateConnectionChannels } from "@/lib/notifications/connection-channels";
import { REQUEST_EVENT_JOB } from "@/lib/access/publish-request-event";
import * as interactions from "@/app/api/integrations/slack/interactions/route";
import * as commands from "@/app/api/integrations/slack/commands/route";
import * as approveRoute from "@/app/api/v1/access-requests/[id]/approve/route";
import { as, failure, makeConnection, makeGroup, makeUser, tokenFor, unique } from "../factories";
import { FakeServices } from "./fake-services";
import { buttonPress, drain, invoke, jsonRequest, slackRequest, useFakes } from "./helpers";

let fakes: FakeServices;
let restore: () => void;

beforeAll(async () => {
  fakes = await new FakeServices().start();
  restore = useFakes(fakes);
});
afterAll(async () => {
  restore();
  await fakes.stop();
});

const slackId = () => `U${unique("x").replace(/[^a-z0-9]/gi, "").toUpperCase().slice(0, 10)}`;

async function linked(opts: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser(opts);
  const id = slackId();
  await db().user.update({ where: { id: user.id }, data: { slackUserId: id } });
  return { ...user, slackUserId: id };
}

async function setup() {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }] });
  const channel = `#${unique("approvals")}`;
  await updateConnectionChannels(as(await makeUser({ admin: true })), conn.name, { slackChannels: [channel] });
  const requester = await makeUser();
  const approver = await linked({ groups: [group] });
  const req = await createRequest(as(requester), { connection: conn.name, duration: "1h", reason: "deploy" });
  await drain([req.id]);
  return { group, conn, channel, requester, approver, req };
}

const press = (slackUser: string, action: string, requestId: string, opts?: Parameters<typeof slackRequest>[2]) =>
  invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", buttonPress(slackUser, action, requestId), opts));

const statusOf = async (id: string) => (await db().accessRequest.findUniqueOrThrow({ where: { id } })).status;

/** The private notes Slack was asked to show to this user. */
const ephemeralsTo = (user: string) => fakes.slackCalls("chat.postEphemeral", (a) => a.user === user).map((c) => String(c.args.text));

describe("Slack interactivity endpoint", () => {
  it("approves as the linked Timebox user and updates the message", async () => {
    const s = await setup();
    const res = await press(s.approver.slackUserId, "timebox_approve", s.req.id);
    expect(res.status).toBe(200);
    expect(await statusOf(s.req.id)).toBe("APPROVED");
    const events = await db().auditEvent.findMany({ where: { requestId: s.req.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorEmail])).toEqual([
      ["request.created", s.requester.email],
      ["request.approval_added", s.approver.email],
      ["request.approved", s.approver.email],
    ]);
    expect(events[1]!.userAgent).toContain("Slackbot");
    await drain([s.req.id]);
    const update = fakes.slackAbout("chat.update", s.req.id).at(-1)!;
    expect(JSON.stringify(update.args.blocks)).toContain("Approved; access until");
    expect(JSON.stringify(update.args.blocks)).not.toContain("timebox_approve");
  });

  it("moves a request exactly as the web does", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }] });
    const approver = await linked({ groups: [group] });
    const viaWeb = await createRequest(as(await makeUser()), { connection: conn.name });
    const viaSlack = await createRequest(as(await makeUser()), { connection: conn.name });
    expect((await invoke(approveRoute.POST, jsonRequest("POST", `/api/v1/access-requests/${viaWeb.id}/approve`, await tokenFor(approver), {}), { id: viaWeb.id })).status).toBe(200);
    expect((await press(approver.slackUserId, "timebox_approve", viaSlack.id)).status).toBe(200);

    const shape = async (id: string) => {
      const row = await db().accessRequest.findUniqueOrThrow({ where: { id }, include: { approvals: true } });
      const events = await db().auditEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });
      const published = await db().outboxJob.findMany({ where: { requestId: id, kind: REQUEST_EVENT_JOB }, orderBy: { createdAt: "asc" } });
      return {
        status: row.status,
        decidedById: row.decidedById,
        window: row.expiresAt!.getTime() - row.decidedAt!.getTime(),
        approvals: row.approvals.map((a) => ({ userId: a.userId, countedGroups: a.countedGroups, forced: a.forced })),
        events: events.map((e) => [e.action, e.actorEmail === approver.email ? "approver" : "requester", Object.keys(e.data as object).sort()]),
        published: published.map((j) => (j.payload as { type: string }).type),
      };
    };
    expect(await shape(viaSlack.id)).toEqual(await shape(viaWeb.id));
  });

  it("refuses a bad signature, a stale timestamp and a replay, and changes nothing", async () => {
    const s = await setup();
    const form = buttonPress(s.approver.slackUserId, "timebox_approve", s.req.id);
    const forged = await invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", form, { secret: "not-the-secret-at-all" }));
    expect(forged).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    const garbage = await invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", form, { signature: "v0=abc" }));
    expect(garbage.status).toBe(401);
    const stale = await invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", form, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(stale).toMatchObject({ status: 401 });
    expect(stale.body.error.message).toContain("five minutes");
    expect(await statusOf(s.req.id)).toBe("PENDING");

    // Captured and sent again: the first is handled, the copy refused.
    const timestamp = Math.floor(Date.now() / 1000);
    const other = await linked({ groups: [s.group] });
    const first = await invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", buttonPress(other.slackUserId, "timebox_reject", s.req.id), { timestamp }));
    expect(first.status).toBe(200);
    const replay = await invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", buttonPress(other.slackUserId, "timebox_reject", s.req.id), { timestamp }));
    expect(replay).toMatchObject({ status: 409 });
    expect(fakes.slackCalls("views.open", (a) => JSON.stringify(a).includes(s.req.id))).toHaveLength(1);
  });

  it("tells an unlinked or ineligible user why, privately, and changes nothing", async () => {
    const s = await setup();
    const stranger = slackId();
    expect((await press(stranger, "timebox_approve", s.req.id)).status).toBe(200);
    const outsider = await linked();
    expect((await press(outsider.slackUserId, "timebox_approve", s.req.id)).status).toBe(200);
    const requester = await db().user.update({ where: { id: s.requester.id }, data: { slackUserId: slackId() } });
    expect((await press(requester.slackUserId!, "timebox_approve", s.req.id)).status).toBe(200);
    expect((await press(outsider.slackUserId, "timebox_reject", s.req.id)).status).toBe(200);
    expect(await statusOf(s.req.id)).toBe("PENDING");
    expect(await db().approval.count({ where: { requestId: s.req.id } })).toBe(0);

    await drain([s.req.id]);
    expect(ephemeralsTo(stranger)).toEqual([expect.stringContaining("/timebox subscribe")]);
    expect(ephemeralsTo(outsider.slackUserId)).toEqual([
      "Nothing was changed: You are not a member of any approval group of this request.",
      "Nothing was changed: You are not a member of any approval group of this request.",
    ]);
    expect(ephemeralsTo(requester.slackUserId!)).toEqual(["Nothing was changed: You cannot approve your own request."]);
    expect(fakes.slackCalls("views.open", (a) => JSON.stringify(a).includes(s.req.id))).toHaveLength(0);
  });

  it("explains that a request was already decided elsewhere", async () => {
    const s = await setup();
    await rejectRequest(as(s.approver), s.req.id, { reason: "not now" });
    const late = await linked({ groups: [s.group] });
    expect((await press(late.slackUserId, "timebox_approve", s.req.id)).status).toBe(200);
    expect(await statusOf(s.req.id)).toBe("REJECTED");
    await drain([s.req.id]);
    expect(ephemeralsTo(late.slackUserId)).toEqual(["Nothing was changed: The request is REJECTED; only a PENDING request can be approved."]);
  });

  it("rejects through the modal with a reason, and shows refusals in the modal", async () => {
    const s = await setup();
    expect((await press(s.approver.slackUserId, "timebox_reject", s.req.id)).status).toBe(200);
    const modal = fakes.slackCalls("views.open", (a) => JSON.stringify(a).includes(s.req.id)).at(-1)!;
    const view = modal.args.view as { private_metadata: string; callback_id: string };
    const submit = (user: string, reason: string) =>
      invoke(
        interactions.POST,
        slackRequest("/api/integrations/slack/interactions", {
          payload: JSON.stringify({
            type: "view_submission",
            user: { id: user },
            view: { callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { reason: { reason_input: { value: reason } } } } },
          }),
        }),
      );
    const outsider = await linked();
    const refused = await submit(outsider.slackUserId, "no");
    expect(refused).toMatchObject({ status: 200, body: { response_action: "errors" } });
    expect(refused.body.errors.reason).toContain("not a member");
    expect(await statusOf(s.req.id)).toBe("PENDING");

    expect(await submit(s.approver.slackUserId, "use the read replica")).toEqual({ status: 200, body: null });
    const row = await db().accessRequest.findUniqueOrThrow({ where: { id: s.req.id } });
    expect(row).toMatchObject({ status: "REJECTED", decisionNote: "use the read replica", decidedById: s.approver.id });
  });
});

/** What a Slack call could change about a request: its row, approvals, audit events and every job (private replies too). */
async function stateOf(requestId: string) {
  const [row, approvals, events, jobs] = await Promise.all([
    db().accessRequest.findUniqueOrThrow({ where: { id: requestId } }),
    db().approval.count({ where: { requestId } }),
    db().auditEvent.count({ where: { requestId } }),
    db().outboxJob.count({ where: { requestId } }),
  ]);
  return { status: row.status, decidedById: row.decidedById, approvals, events, jobs, allJobs: await db().outboxJob.count() };
}

const post = (payload: string, opts?: Parameters<typeof slackRequest>[2]) =>
  invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", { payload }, opts));

describe("Slack interactivity: replays and malformed payloads change nothing", () => {
  it("a replay of a press that was acted on is refused before anything runs", async () => {
    const s = await setup();
    const timestamp = Math.floor(Date.now() / 1000);
    const form = buttonPress(s.approver.slackUserId, "timebox_approve", s.req.id);
    expect((await invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", form, { timestamp }))).status).toBe(200);
    expect(await statusOf(s.req.id)).toBe("APPROVED");
    const after = await stateOf(s.req.id);
    const replay = await invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", form, { timestamp }));
    expect(replay).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    // Not even the private "nothing was changed" reply: the replay never reaches the handler.
    expect(await stateOf(s.req.id)).toEqual(after);
  });

  it("the same signed press sent twice at once is acted on once", async () => {
    const s = await setup();
    const other = await linked({ groups: [s.group] });
    const timestamp = Math.floor(Date.now() / 1000);
    const form = buttonPress(other.slackUserId, "timebox_reject", s.req.id);
    const before = await stateOf(s.req.id);
    const both = await Promise.all([1, 2].map(() => invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", form, { timestamp }))));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(fakes.slackCalls("views.open", (a) => JSON.stringify(a).includes(s.req.id))).toHaveLength(1);
    expect(await stateOf(s.req.id)).toEqual(before);
  });

  it.each([
    ["a button value that is not a string", (id: string, user: string) => ({ type: "block_actions", user: { id: user }, actions: [{ action_id: "timebox_approve", value: { id } }] })],
    ["a user id that is not a string", (id: string, user: string) => ({ type: "block_actions", user: { id: [user] }, actions: [{ action_id: "timebox_approve", value: id }] })],
    ["a channel id that is not a string", (id: string, user: string) => ({ type: "block_actions", user: { id: user }, channel: { id: 5 }, actions: [{ action_id: "timebox_approve", value: id }] })],
    [
      "a reason that is not a string",
      (id: string, user: string) => ({
        type: "view_submission",
        user: { id: user },
        view: { callback_id: "timebox_reject_modal", private_metadata: JSON.stringify({ requestId: id }), state: { values: { reason: { reason_input: { value: ["no"] } } } } },
      }),
    ],
    ["a lone surrogate in the button value", (id: string, user: string) => ({ type: "block_actions", user: { id: user }, actions: [{ action_id: "timebox_approve", value: `${id}\ud800` }] })],
    ["a lone surrogate in the channel id", (id: string, user: string) => ({ type: "block_actions", user: { id: user }, channel: { id: "C\udc00" }, actions: [{ action_id: "timebox_approve", value: id }] })],
    ["a NUL in the channel id", (id: string, user: string) => ({ type: "block_actions", user: { id: user }, channel: { id: "C\u0000" }, actions: [{ action_id: "timebox_approve", value: id }] })],
  ])("%s is a 400 and changes nothing", async (_what, payload) => {
    const s = await setup();
    const before = await stateOf(s.req.id);
    // JSON.stringify writes a lone surrogate as an escape ("\\ud800"), as a hostile sender would.
    const res = await post(JSON.stringify(payload(s.req.id, s.approver.slackUserId)));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.message).toMatch(/^The payload (is not a Slack interaction|contains a lone UTF-16 surrogate|contains a NUL character)/);
    expect(await stateOf(s.req.id)).toEqual(before);
    expect(await statusOf(s.req.id)).toBe("PENDING");
  });

  it.each([["null"], ["[]"], ['"' + "x" + '"'], ["{"], ['{"requestId":7}'], ['{"requestId":""}']])(
    "a reject dialog whose private_metadata is %s is answered in the dialog as out of date",
    async (metadata) => {
      const s = await setup();
      const before = await stateOf(s.req.id);
      const res = await post(
        JSON.stringify({
          type: "view_submission",
          user: { id: s.approver.slackUserId },
          view: { callback_id: "timebox_reject_modal", private_metadata: metadata, state: { values: { reason: { reason_input: { value: "no" } } } } },
        }),
      );
      expect(res).toEqual({ status: 200, body: { response_action: "errors", errors: { reason: "This dialog is out of date; reject the request in Timebox." } } });
      expect(await stateOf(s.req.id)).toEqual(before);
    },
  );
});

describe("/timebox slash command and account linking", () => {
  const command = (user: string, text: string) =>
    invoke(commands.POST, slackRequest("/api/integrations/slack/commands", { command: "/timebox", text, user_id: user, team_id: "T123" }));

  it("subscribe replies privately with a one-time link that links the signed-in user", async () => {
    const slackUser = slackId();
    const res = await command(slackUser, "subscribe");
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe("ephemeral");
    const token = /\/slack\/link\/([^|>]+)/.exec(res.body.text)![1]!;
    const alice = await makeUser();
    const mallory = await makeUser();

    expect(await checkSlackLink(alice, token)).toMatchObject({ ok: true, slackUserId: slackUser });
    await linkSlackAccount(as(alice), token);
    expect((await db().user.findUniqueOrThrow({ where: { id: alice.id } })).slackUserId).toBe(slackUser);

    expect(await failure(linkSlackAccount(as(alice), token), "conflict")).toContain("already used");
    expect(await failure(linkSlackAccount(as(mallory), token), "forbidden")).toContain("another Timebox account");
    expect((await db().user.findUniqueOrThrow({ where: { id: mallory.id } })).slackUserId).toBeNull();
    expect((await command(slackUser, "status")).body.text).toContain(alice.email);
    expect((await command(slackUser, "unsubscribe")).body.text).toContain("Unlinked");
    expect((await db().user.findUniqueOrThrow({ where: { id: alice.id } })).slackUserId).toBeNull();
  });

  it("refuses tampered and expired links", async () => {
    const slackUser = slackId();
    const token = /\/slack\/link\/([^|>]+)/.exec((await command(slackUser, "subscribe")).body.text)![1]!;
    const user = await makeUser();
    const [body, sig] = token.split(".");
    const claims = JSON.parse(Buffer.from(body!, "base64url").toString());
    const tampered = `${Buffer.from(JSON.stringify({ ...claims, s: "UVICTIM1" })).toString("base64url")}.${sig}`;
    expect(await failure(linkSlackAccount(as(user), tampered), "forbidden")).toContain("not valid");
    expect(await failure(linkSlackAccount(as(user, new Date(Date.now() + 16 * 60_000)), token), "conflict")).toContain("expired");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).slackUserId).toBeNull();
  });

  it("lets an admin set a user's Slack id, refusing one already taken", async () => {
    const admin = await makeUser({ admin: true });
    const a = await makeUser();
    const b = await makeUser();
    const { setSlackUserId } = await import("@/lib/slack/link-account");
    const id = slackId();
    await setSlackUserId(as(admin), a.email, { slackUserId: id });
    expect(await failure(setSlackUserId(as(admin), b.id, { slackUserId: id }), "conflict")).toContain(a.email);
    await failure(setSlackUserId(as(a), b.id, { slackUserId: slackId() }), "forbidden");
    await failure(setSlackUserId(as(admin), b.id, { slackUserId: "not an id" }), "invalid_input");
    await setSlackUserId(as(admin), a.id, { slackUserId: null });
    expect((await db().user.findUniqueOrThrow({ where: { id: a.id } })).slackUserId).toBeNull();
  });
});
