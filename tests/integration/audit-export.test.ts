import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { syncAuditForwarding } from "@/lib/audit/sync-forwarding";
import { AUDIT_FORWARD_JOB } from "@/lib/audit/forward-event";
import { verifySignature } from "@/lib/provisioning/webhook";
import { call } from "./api-client";
import { as, makeConnection, makeGroup, makeUser, tokenFor } from "./factories";

const SECRET = "siem-secret-0123456789";
type Received = { body: string; signature: string | undefined };
let siem: Server;
let received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  siem = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      received.push({ body, signature: req.headers["timebox-signature"] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => siem.listen(0, "127.0.0.1", r));
  process.env.TIMEBOX_AUDIT_WEBHOOK_URL = `http://127.0.0.1:${(siem.address() as AddressInfo).port}/events`;
  process.env.TIMEBOX_AUDIT_WEBHOOK_SECRET = SECRET;
});

afterAll(async () => {
  await syncAuditForwarding(db(), false);
  await new Promise((r) => siem.close(r));
});

async function someRequest() {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }] });
  const alice = await makeUser();
  const req = await createRequest(as(alice), { connection: conn.name, reason: 'says "hi", =1+1' });
  await approveRequest(as(await makeUser({ groups: [group] })), req.id);
  return { alice, req };
}

describe("audit export", () => {
  it("streams CSV and JSON Lines with the audit page's filters and visibility", async () => {
    const { alice, req } = await someRequest();
    const token = await tokenFor(alice);
    const jsonl = await exportText(`/api/v1/audit/export?format=jsonl&request=${req.id}`, token);
    const lines = jsonl.trim().split("\n").map((l) => JSON.parse(l) as { action: string; requestId: string });
    expect(lines.map((l) => l.action).sort()).toEqual(["request.approval_added", "request.approved", "request.created"]);
    const csv = await exportText(`/api/v1/audit/export?format=csv&request=${req.id}`, token);
    const rows = csv.trim().split("\r\n");
    expect(rows[0]).toBe("id,at,actor,action,requestId,connection,targetType,targetId,data,ip,userAgent");
    expect(rows).toHaveLength(4);
    // The reason sits JSON-encoded in the data column, its quotes doubled by CSV.
    expect(csv).toContain('says \\""hi\\"", =1+1');
    // Someone else's export does not include alice's events.
    const other = await exportText(`/api/v1/audit/export?request=${req.id}`, await tokenFor(await makeUser()));
    expect(other).toBe("");
    const bad = await call("GET", "/api/v1/audit/export?format=xml", { token });
    expect(bad.status).toBe(400);
  });
});

describe("audit verification API", () => {
  it("is for admins and reports an intact chain", async () => {
    await someRequest();
    expect((await call("GET", "/api/v1/audit/verify", { token: await tokenFor(await makeUser()) })).status).toBe(403);
    const res = await call("GET", "/api/v1/audit/verify", { token: await tokenFor(await makeUser({ admin: true })) });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe("audit forwarding to a SIEM webhook", () => {
  it("delivers every event of a change through the outbox, signed, retrying a 500", async () => {
    await syncAuditForwarding(db(), true);
    received = [];
    failNext = 1;
    const { req } = await someRequest();
    const jobs = await db().outboxJob.findMany({ where: { kind: AUDIT_FORWARD_JOB, requestId: req.id } });
    expect(jobs).toHaveLength(3);
    const t0 = new Date();
    await dispatchJobs({ kinds: [AUDIT_FORWARD_JOB], requestIds: [req.id], now: t0 });
    await dispatchJobs({ kinds: [AUDIT_FORWARD_JOB], requestIds: [req.id], now: new Date(t0.getTime() + 60_000) });
    expect(received).toHaveLength(3);
    for (const r of received) expect(verifySignature(SECRET, r.body, r.signature)).toBe(true);
    const actions = received.map((r) => (JSON.parse(r.body) as { data: { action: string } }).data.action).sort();
    expect(actions).toEqual(["request.approval_added", "request.approved", "request.created"]);
    expect(await db().outboxJob.count({ where: { kind: AUDIT_FORWARD_JOB, requestId: req.id, status: "DONE" } })).toBe(3);
  });

  it("queues nothing while forwarding is off", async () => {
    await syncAuditForwarding(db(), false);
    const { req } = await someRequest();
    expect(await db().outboxJob.count({ where: { kind: AUDIT_FORWARD_JOB, requestId: req.id } })).toBe(0);
  });
});

async function exportText(url: string, token: string): Promise<string> {
  const { GET } = await import("@/app/api/v1/audit/export/route");
  const res = await GET(new Request(new URL(url, "http://localhost"), { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
  expect(res.status).toBe(200);
  return res.text();
}
