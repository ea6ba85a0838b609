import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, inTransaction } from "@/lib/db";
import { enqueueJobs } from "@/lib/outbox/enqueue-job";
import { createRequest } from "@/lib/access/create-request";
import { NOTIFY } from "@/lib/notifications/kinds";
import { listDevEmails } from "@/lib/email/dev-outbox";
import * as channels from "@/app/api/v1/connections/[name]/channels/route";
import * as deadJobs from "@/app/api/v1/outbox/dead-jobs/route";
import * as retry from "@/app/api/v1/outbox/dead-jobs/[id]/retry/route";
import * as status from "@/app/api/v1/notifications/status/route";
import * as userSlack from "@/app/api/v1/users/[id]/slack/route";
import { as, makeConnection, makeGroup, makeUser, tokenFor, unique } from "../factories";
import { FakeServices } from "./fake-services";
import { drain, invoke, jsonRequest, useFakes } from "./helpers";

let fakes: FakeServices;

beforeAll(async () => {
  fakes = await new FakeServices().start();
});
afterAll(async () => {
  await fakes.stop();
});

describe("notification admin API", () => {
  it("sets a connection's channels (admins only, validated, audited with the webhook masked)", async () => {
    const conn = await makeConnection();
    const admin = await tokenFor(await makeUser({ admin: true }));
    const user = await tokenFor(await makeUser());
    const path = `/api/v1/connections/${conn.name}/channels`;
    expect((await invoke(channels.GET, jsonRequest("GET", path, admin), { name: conn.name })).body).toEqual({
      connection: conn.name,
      slackChannels: [],
      teamsWebhookUrl: null,
      email: true,
    });
    expect((await invoke(channels.GET, jsonRequest("GET", path, user), { name: conn.name })).status).toBe(403);
    expect((await invoke(channels.PUT, jsonRequest("PUT", path, user, { email: false }), { name: conn.name })).status).toBe(403);
    for (const bad of [{ slackChannels: ["not a channel"] }, { teamsWebhookUrl: "http://evil.example/hook" }, { email: "yes" }, { extra: 1 }]) {
      const res = await invoke(channels.PUT, jsonRequest("PUT", path, admin, bad), { name: conn.name });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const hook = "https://example.webhook.office.com/webhookb2/secret-part-abcdef";
    const saved = await invoke(channels.PUT, jsonRequest("PUT", path, admin, { slackChannels: ["C0123456789", "#ops"], teamsWebhookUrl: hook }), { name: conn.name });
    expect(saved.body).toEqual({ connection: conn.name, slackChannels: ["C0123456789", "#ops"], teamsWebhookUrl: hook, email: true });
    const event = await db().auditEvent.findFirstOrThrow({ where: { connectionId: conn.id, action: "connection.notifications_updated" } });
    expect(JSON.stringify(event.data)).not.toContain("secret-part");
    expect((await invoke(channels.PUT, jsonRequest("PUT", `/api/v1/connections/nope/channels`, admin, {}), { name: "nope" })).status).toBe(404);
  });

  it("lists dead deliveries in words and retries one", async () => {
    const adminUser = await makeUser({ admin: true });
    const admin = await tokenFor(adminUser);
    const dedupeKey = unique("dead");
    await inTransaction((tx) => enqueueJobs(tx, [{ kind: NOTIFY.teamsPost, payload: { requestId: "r1", event: "approved" }, dedupeKey }]));
    await db().outboxJob.update({ where: { dedupeKey }, data: { status: "DEAD", attempts: 8, lastError: "Teams webhook answered HTTP 404" } });
    const job = await db().outboxJob.findUniqueOrThrow({ where: { dedupeKey } });
    const list = await invoke(deadJobs.GET, jsonRequest("GET", "/api/v1/outbox/dead-jobs", admin));
    expect(list.body.items.find((j: { id: string }) => j.id === job.id)).toMatchObject({ description: "Teams card (approved)", lastError: "Teams webhook answered HTTP 404" });
    expect((await invoke(deadJobs.GET, jsonRequest("GET", "/api/v1/outbox/dead-jobs", await tokenFor(await makeUser())))).status).toBe(403);
    expect((await invoke(retry.POST, jsonRequest("POST", `/api/v1/outbox/dead-jobs/${job.id}/retry`, admin), { id: job.id })).body).toEqual({ id: job.id, status: "PENDING" });
    expect((await invoke(retry.POST, jsonRequest("POST", `/api/v1/outbox/dead-jobs/${job.id}/retry`, admin), { id: job.id })).status).toBe(409);
    const st = await invoke(status.GET, jsonRequest("GET", "/api/v1/notifications/status", admin));
    expect(st.body.delivery).toMatchObject({ slack: { botToken: expect.any(Boolean) }, email: expect.any(String) });
    await db().outboxJob.delete({ where: { id: job.id } });
  });

  it("lets an admin set a Slack id by email through the API", async () => {
    const admin = await tokenFor(await makeUser({ admin: true }));
    const user = await makeUser();
    const ok = await invoke(userSlack.PUT, jsonRequest("PUT", `/api/v1/users/${user.email}/slack`, admin, { slackUserId: "U0SLACK1" + unique("").slice(1, 5).toUpperCase().replace(/[^A-Z0-9]/g, "A") }), { id: user.email });
    expect(ok.status).toBe(200);
    expect(ok.body.slackUserId).toMatch(/^U0SLACK1/);
    expect((await invoke(userSlack.PUT, jsonRequest("PUT", `/api/v1/users/${user.id}/slack`, admin, { slackUserId: 42 }), { id: user.id })).status).toBe(400);
  });
});

describe("demo mode without an email provider", () => {
  it("keeps every email in the dev outbox, once, with working approve links", async () => {
    const restore = useFakes(fakes, { RESEND_API_KEY: "", TIMEBOX_DEMO: "1", SLACK_BOT_TOKEN: "" });
    try {
      const group = await makeGroup();
      const conn = await makeConnection({ groups: [{ group }] });
      const approver = await makeUser({ groups: [group] });
      const req = await createRequest(as(await makeUser()), { connection: conn.name });
      await drain([req.id]);
      await drain([req.id]);
      const emails = await listDevEmails({ to: approver.email });
      expect(emails).toHaveLength(1);
      const row = await db().devOutboxEmail.findUniqueOrThrow({ where: { id: emails[0]!.id } });
      expect(row.html).toContain("https://timebox.test/email-actions/");
      expect(row.text).toContain("Approve");
      const { emailLinks } = await import("@/lib/email/dev-outbox");
      expect(emailLinks(row.html).map((l) => l.text)).toEqual(expect.arrayContaining(["Approve", "Reject", "Open the request in Timebox"]));
      expect(emailLinks(row.html).find((l) => l.text === "Approve")!.href).toMatch(/^\/email-actions\//);
      expect(fakes.emailsTo(approver.email)).toHaveLength(0);
    } finally {
      restore();
    }
  });
});
