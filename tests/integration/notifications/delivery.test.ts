import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { revokeGrant } from "@/lib/access/revoke-grant";
import { extendGrant } from "@/lib/access/extend-grant";
import { updateConnectionChannels } from "@/lib/notifications/connection-channels";
import { NOTIFY } from "@/lib/notifications/kinds";
import { as, makeConnection, makeGroup, makeUser, unique } from "../factories";
import { FakeServices } from "./fake-services";
import { drain, later, useFakes } from "./helpers";

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

/** A connection with Slack, Teams and email, its approver group, and people. */
async function setup(opts: { min?: number; approvers?: number; linkRequester?: boolean } = {}) {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group, min: opts.min ?? 1 }] });
  const admin = await makeUser({ admin: true });
  const hook = unique("hook");
  const channel = `#${unique("approvals")}`;
  await updateConnectionChannels(as(admin), conn.name, { slackChannels: [channel], teamsWebhookUrl: fakes.teamsHook(hook), email: true });
  const requester = await makeUser();
  if (opts.linkRequester !== false) await db().user.update({ where: { id: requester.id }, data: { slackUserId: unique("U").toUpperCase().replace(/[^A-Z0-9]/g, "") } });
  const approvers = [];
  for (let i = 0; i < (opts.approvers ?? 1); i++) approvers.push(await makeUser({ groups: [group] }));
  const slackId = (await db().user.findUniqueOrThrow({ where: { id: requester.id } })).slackUserId;
  return { group, conn, admin, hook, channel, requester, approvers, requesterSlackId: slackId };
}

describe("a request on a connection with Slack, Teams and email", () => {
  it("produces exactly one message per channel, and one email per approver", async () => {
    const s = await setup({ approvers: 2 });
    const req = await createRequest(as(s.requester), { connection: s.conn.name, duration: "2h", reason: "investigate INC-42" });
    await drain([req.id]);
    // Drained twice: nothing is sent again.
    await drain([req.id]);

    const posts = fakes.slackAbout("chat.postMessage", req.id);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.channel).toBe(s.channel);
    expect(posts[0]!.token).toBe("xoxb-test-bot-token");
    const blocks = JSON.stringify(posts[0]!.args.blocks);
    expect(blocks).toContain("timebox_approve");
    expect(blocks).toContain("timebox_reject");
    expect(blocks).toContain("investigate INC-42");
    expect(blocks).toContain("2h");

    const cards = fakes.teamsTo(s.hook);
    expect(cards).toHaveLength(1);
    const card = cards[0]!.body.attachments[0]!.content;
    expect(card.actions[0]).toMatchObject({ title: "Review in Timebox", url: `https://timebox.test/requests/${req.id}` });

    for (const approver of s.approvers) {
      const emails = fakes.emailsTo(approver.email);
      expect(emails).toHaveLength(1);
      expect(emails[0]!.body.subject).toContain(s.conn.name);
      expect(emails[0]!.body.html).toContain("/email-actions/");
      expect(emails[0]!.body.text).toContain("Approve");
      expect(emails[0]!.body.text).toContain("https://timebox.test/email-actions/");
      expect(emails[0]!.idempotencyKey).toBeTruthy();
    }
    // The requester is not asked to approve their own request.
    expect(fakes.emailsTo(s.requester.email)).toHaveLength(0);
  });

  it("updates the Slack message with per-group progress and the final state, and tells the requester once", async () => {
    const s = await setup({ min: 2, approvers: 2 });
    const req = await createRequest(as(s.requester), { connection: s.conn.name, duration: "1h" });
    await drain([req.id]);
    const ts = (fakes.slackAbout("chat.postMessage", req.id)[0]!.args as { channel: string }).channel;
    expect(ts).toBeTruthy();

    await approveRequest(as(s.approvers[0]!), req.id);
    await drain([req.id]);
    const progress = fakes.slackAbout("chat.update", req.id).at(-1)!;
    const first = s.approvers[0]!.name!.split(" ")[0]!;
    expect(JSON.stringify(progress.args.blocks)).toContain(`waiting (1/2: ${first})`);
    expect(JSON.stringify(progress.args.blocks)).toContain("timebox_approve");

    await approveRequest(as(s.approvers[1]!), req.id);
    await drain([req.id]);
    const final = JSON.stringify(fakes.slackAbout("chat.update", req.id).at(-1)!.args.blocks);
    expect(final).toContain("✓");
    expect(final).toContain("Approved; access until");
    expect(final).not.toContain("timebox_approve");

    expect(fakes.slackCalls("chat.postMessage", (a) => a.channel === s.requesterSlackId)).toHaveLength(1);
    const approvedEmails = fakes.emailsTo(s.requester.email);
    expect(approvedEmails).toHaveLength(1);
    expect(approvedEmails[0]!.body.subject).toMatch(/^Access ready: .* until /);
    const cards = fakes.teamsTo(s.hook);
    expect(cards).toHaveLength(2);
    expect(JSON.stringify(cards[1]!.body)).toContain("Access request approved");
  });

  it("tells the requester about a rejection with the reason, and a revocation", async () => {
    const s = await setup();
    const rejected = await createRequest(as(s.requester), { connection: s.conn.name });
    await rejectRequest(as(s.approvers[0]!), rejected.id, { reason: "use staging" });
    await drain([rejected.id]);
    const dm = fakes.slackCalls("chat.postMessage", (a) => a.channel === s.requesterSlackId);
    expect(dm).toHaveLength(1);
    expect(String(dm[0]!.args.text)).toContain("use staging");
    expect(fakes.emailsTo(s.requester.email).map((e) => e.body.subject)).toEqual([`Request rejected: ${s.conn.name}`]);
    expect(fakes.emailsTo(s.requester.email)[0]!.body.text).toContain("use staging");
    // The approver email for a request decided before it was sent is dropped, not sent.
    expect(fakes.emailsTo(s.approvers[0]!.email)).toHaveLength(0);

    const granted = await createRequest(as(s.requester), { connection: s.conn.name });
    await approveRequest(as(s.approvers[0]!), granted.id);
    await revokeGrant(as(s.admin), granted.id, { reason: "incident over" });
    await drain([granted.id]);
    const subjects = fakes.emailsTo(s.requester.email).map((e) => e.body.subject);
    expect(subjects.filter((x) => x.startsWith("Access revoked"))).toHaveLength(1);
    // The channel message ends on the revocation, whether the post went out before the
    // decisions (then updated) or after them (then it shows the latest state at once).
    const updates = fakes.slackAbout("chat.update", granted.id);
    const posts = fakes.slackCalls("chat.postMessage", (a) => a.channel === s.channel && JSON.stringify(a).includes(granted.id));
    expect(JSON.stringify((updates.at(-1) ?? posts.at(-1))!.args.blocks)).toContain("incident over");
  });

  it("retries a Slack post that fails with 500 twice and delivers it exactly once", async () => {
    const s = await setup();
    const req = await createRequest(as(s.requester), { connection: s.conn.name });
    fakes.fail("slack:chat.postMessage", { status: 500 }, { status: 500 });
    fakes.fail("resend:emails", { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } }, { status: 500, body: { statusCode: 500, message: "boom" } });
    const t0 = new Date();
    const first = await drain([req.id], t0);
    expect(first.retrying).toBeGreaterThanOrEqual(2);
    await drain([req.id], later(6_000, t0));
    await drain([req.id], later(20_000, t0));
    expect(fakes.slackAbout("chat.postMessage", req.id)).toHaveLength(1);
    expect(fakes.emailsTo(s.approvers[0]!.email)).toHaveLength(1);
    const post = await db().outboxJob.findFirstOrThrow({ where: { requestId: req.id, kind: NOTIFY.slackPost } });
    expect(post).toMatchObject({ status: "DONE", attempts: 3 });
    expect(post.result).toMatchObject({ channel: expect.any(String), ts: expect.any(String) });
  });

  it("marks a delivery dead at once when Slack says the channel does not exist", async () => {
    const s = await setup();
    const req = await createRequest(as(s.requester), { connection: s.conn.name });
    fakes.fail("slack:chat.postMessage", { status: 200, body: { ok: false, error: "channel_not_found" } });
    await drain([req.id]);
    const post = await db().outboxJob.findFirstOrThrow({ where: { requestId: req.id, kind: NOTIFY.slackPost } });
    expect(post).toMatchObject({ status: "DEAD", attempts: 1 });
    expect(post.lastError).toContain("channel_not_found");
    // Updates of a message that never existed are dropped, not retried forever.
    await approveRequest(as(s.approvers[0]!), req.id);
    await drain([req.id]);
    const updates = await db().outboxJob.findMany({ where: { requestId: req.id, kind: NOTIFY.slackUpdate } });
    expect(updates.every((u) => u.status === "DONE")).toBe(true);
  });

  it("sends what a crashed process committed once the app is back", async () => {
    const s = await setup();
    // A separate process commits a request and is killed before anything is sent.
    const child = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("tests/integration/fixtures/commit-then-die.ts"), s.requester.id, s.conn.name], {
      env: { ...process.env, TIMEBOX_SCHEDULER: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr.on("data", (chunk) => (output += chunk));
    const requestId = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const match = /COMMITTED (\S+)/.exec(String(chunk));
        if (match) resolve(match[1]!);
      });
      child.on("exit", (code) => reject(new Error(`child exited (${code}) before committing:\n${output}`)));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(fakes.slackAbout("chat.postMessage", requestId)).toHaveLength(0);

    await drain([requestId]);
    expect(fakes.slackAbout("chat.postMessage", requestId)).toHaveLength(1);
    expect(fakes.teamsTo(s.hook)).toHaveLength(1);
    expect(fakes.emailsTo(s.approvers[0]!.email)).toHaveLength(1);
  });

  it("sends one “approved” message however many approvals race (20 at once)", async () => {
    const s = await setup({ min: 20, approvers: 20 });
    const req = await createRequest(as(s.requester), { connection: s.conn.name, duration: "1h" });
    await drain([req.id]);
    const results = await Promise.allSettled(s.approvers.map((a) => approveRequest(as(a), req.id)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    // Two dispatchers at once, as with two app instances.
    await Promise.all([drain([req.id]), drain([req.id])]);
    expect(fakes.slackCalls("chat.postMessage", (a) => a.channel === s.requesterSlackId)).toHaveLength(1);
    expect(fakes.emailsTo(s.requester.email).filter((e) => e.body.subject.startsWith("Access ready"))).toHaveLength(1);
    expect(fakes.teamsTo(s.hook).filter((c) => JSON.stringify(c.body).includes("Access request approved"))).toHaveLength(1);
    expect(fakes.slackAbout("chat.postMessage", req.id).filter((c) => c.args.channel === s.channel)).toHaveLength(1);
    const final = JSON.stringify(fakes.slackAbout("chat.update", req.id).at(-1)!.args.blocks);
    expect(final).toContain("Approved; access until");
  });
});

describe("reminders and expiry notices", () => {
  it("reminds the approvers still needed, at most three times, and stops once decided", async () => {
    const s = await setup({ approvers: 2 });
    const t0 = new Date();
    const req = await createRequest(as(s.requester, t0), { connection: s.conn.name });
    await drain([req.id], later(1_000, t0));
    const reminders = await db().outboxJob.findMany({ where: { requestId: req.id, kind: NOTIFY.reminder }, orderBy: { nextAttemptAt: "asc" } });
    expect(reminders.map((r) => r.nextAttemptAt.getTime() - t0.getTime())).toEqual([30, 60, 90].map((m) => m * 60_000));

    await drain([req.id], later(31 * 60_000, t0));
    expect(fakes.emailsTo(s.approvers[0]!.email).map((e) => e.body.subject)).toEqual([
      expect.stringMatching(/^Approve\?/),
      expect.stringMatching(/^Reminder:/),
    ]);
    const thread = fakes.slackCalls("chat.postMessage", (a) => Boolean(a.thread_ts) && JSON.stringify(a).includes("Reminder 1"));
    expect(thread.length).toBeGreaterThanOrEqual(1);

    await approveRequest(as(s.approvers[0]!), req.id);
    await drain([req.id], later(2 * 3600_000, t0));
    expect(fakes.emailsTo(s.approvers[1]!.email).filter((e) => e.body.subject.startsWith("Reminder"))).toHaveLength(1);
    const done = await db().outboxJob.findMany({ where: { requestId: req.id, kind: NOTIFY.reminder } });
    expect(done.map((r) => r.status)).toEqual(["DONE", "DONE", "DONE"]);
    expect(done.filter((r) => (r.result as { skipped?: string }).skipped === "request is APPROVED")).toHaveLength(2);
  });

  it("warns the requester ten minutes before the grant ends, unless it ended sooner", async () => {
    const s = await setup();
    const t0 = new Date();
    const req = await createRequest(as(s.requester, t0), { connection: s.conn.name, duration: "1h" });
    await approveRequest(as(s.approvers[0]!, t0), req.id);
    await drain([req.id], later(1_000, t0));
    const notice = await db().outboxJob.findFirstOrThrow({ where: { requestId: req.id, kind: NOTIFY.expiring } });
    expect(notice.nextAttemptAt.getTime() - t0.getTime()).toBe(50 * 60_000);
    await drain([req.id], later(51 * 60_000, t0));
    const subjects = fakes.emailsTo(s.requester.email).map((e) => e.body.subject);
    expect(subjects.filter((x) => x.includes("expires in 10 minutes"))).toHaveLength(1);
    expect(fakes.slackCalls("chat.postMessage", (a) => a.channel === s.requesterSlackId && String(a.text).includes("expires in 10 minutes"))).toHaveLength(1);

    const revoked = await createRequest(as(s.requester, t0), { connection: s.conn.name, duration: "1h" });
    await approveRequest(as(s.approvers[0]!, t0), revoked.id);
    await revokeGrant(as(s.admin, later(1000, t0)), revoked.id, { reason: "done early" });
    await drain([revoked.id], later(51 * 60_000, t0));
    const job = await db().outboxJob.findFirstOrThrow({ where: { requestId: revoked.id, kind: NOTIFY.expiring } });
    expect(job.result).toMatchObject({ skipped: "request is REVOKED" });
  });

  it("warns before an extended grant's new end, once however many extensions, and not after it was revoked", async () => {
    const s = await setup();
    const t0 = new Date();
    const warnings = () => fakes.emailsTo(s.requester.email).filter((e) => e.body.subject.includes("expires in 10 minutes"));
    const grant = await createRequest(as(s.requester, t0), { connection: s.conn.name, duration: "1h" });
    await approveRequest(as(s.approvers[0]!, t0), grant.id);
    await drain([grant.id], later(1_000, t0));
    const first = await extendGrant(as(s.requester, later(60_000, t0)), grant.id, { duration: "1h" });
    await approveRequest(as(s.approvers[0]!, later(60_000, t0)), first.id);
    await drain([grant.id, first.id], later(61_000, t0));
    // The grant now ends at 2h: one notice, the grant's, for 1h50m; the one for 50m is moot.
    const notices = await db().outboxJob.findMany({ where: { requestId: { in: [grant.id, first.id] }, kind: NOTIFY.expiring }, orderBy: { nextAttemptAt: "asc" } });
    expect(notices.map((n) => [n.requestId, n.nextAttemptAt.getTime() - t0.getTime()])).toEqual([
      [grant.id, 50 * 60_000],
      [grant.id, 110 * 60_000],
    ]);
    await drain([grant.id, first.id], later(111 * 60_000, t0));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.body.subject).toContain(s.conn.name);

    const second = await extendGrant(as(s.requester, later(112 * 60_000, t0)), grant.id, { duration: "1h" });
    await approveRequest(as(s.approvers[0]!, later(112 * 60_000, t0)), second.id);
    await drain([grant.id, second.id], later(112 * 60_000 + 1_000, t0));
    await revokeGrant(as(s.admin, later(113 * 60_000, t0)), grant.id, { reason: "done early" });
    await drain([grant.id, first.id, second.id], later(171 * 60_000, t0));
    const last = await db().outboxJob.findFirstOrThrow({ where: { requestId: grant.id, kind: NOTIFY.expiring, dedupeKey: { contains: later(180 * 60_000, t0).toISOString() } } });
    expect(last.result).toMatchObject({ skipped: "request is REVOKED" });
    expect(warnings()).toHaveLength(1);
  });
});

describe("connections choose their channels", () => {
  it("sends nothing to channels a connection does not use", async () => {
    const group = await makeGroup();
    const conn = await makeConnection({ groups: [{ group }] });
    const admin = await makeUser({ admin: true });
    await updateConnectionChannels(as(admin), conn.name, { email: false });
    const approver = await makeUser({ groups: [group] });
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    await drain([req.id]);
    expect(fakes.slackAbout("chat.postMessage", req.id)).toHaveLength(0);
    expect(fakes.emailsTo(approver.email)).toHaveLength(0);
    const routed = await db().outboxJob.findFirstOrThrow({ where: { requestId: req.id, kind: "request.event" } });
    expect(routed.result).toMatchObject({ event: "request.created" });
  });
});
