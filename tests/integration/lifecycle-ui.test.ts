/**
 * What the issue 7 pages read from the server: the request page's lifecycle flags and
 * extensions, the approve-for-a-group choice in the review queue, and the post-incident
 * review queue with its count.
 */
import { describe, expect, it } from "vitest";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { extendGrant } from "@/lib/access/extend-grant";
import { acknowledgeEmergency } from "@/lib/access/acknowledge-emergency";
import { getRequestDetail } from "@/lib/access/request-detail";
import { listReviews } from "@/lib/access/list-reviews";
import { countEmergencyReviews, listEmergencyReviews } from "@/lib/access/emergency-reviews";
import { updateConnection } from "@/lib/admin/update-connection";
import { call } from "./api-client";
import { as, makeConnection, makeGroup, makeUser, tokenFor } from "./factories";

async function connectionWith(settings: Record<string, unknown>, groupCount = 1) {
  const groups = await Promise.all(Array.from({ length: groupCount }, () => makeGroup()));
  const conn = await makeConnection({ groups: groups.map((group) => ({ group })), maxSeconds: 3600, defaultSeconds: 1800 });
  const admin = await makeUser({ admin: true });
  await updateConnection(as(admin), conn.name, settings);
  return { conn, groups, admin };
}

describe("request page lifecycle", () => {
  it("offers the requester more time within the cap and shows the pending extension on the grant, and the grant on the extension", async () => {
    const { conn, groups } = await connectionWith({ maxTotalDuration: "3h" });
    const alice = await makeUser();
    const bob = await makeUser({ groups: [groups[0]!] });
    const grant = await createRequest(as(alice), { connection: conn.name, duration: "30m" });
    await approveRequest(as(bob), grant.id);

    const before = await getRequestDetail(alice, grant.id);
    expect(before.lifecycle).toMatchObject({ canExtend: true, canRelease: true, canAcknowledge: false, approveGroupChoices: [] });
    expect(before.lifecycle.maxExtensionSeconds).toBeGreaterThan(2.4 * 3600);
    expect(before.lifecycle.maxExtensionSeconds).toBeLessThanOrEqual(2.5 * 3600);
    expect((await getRequestDetail(bob, grant.id)).lifecycle).toMatchObject({ canExtend: false, canRelease: false });

    const extension = await extendGrant(as(alice), grant.id, { duration: "1h", reason: "slow backfill" });
    const after = await getRequestDetail(alice, grant.id);
    expect(after.extensions).toEqual([expect.objectContaining({ id: extension.id, status: "PENDING", duration: "1h", reason: "slow backfill" })]);
    expect(after.extendsGrant).toBeNull();

    const onExtension = await getRequestDetail(bob, extension.id);
    expect(onExtension.extendsGrant).toMatchObject({ id: grant.id, status: "APPROVED", active: true });
    expect(onExtension.extensions).toEqual([]);
    expect(onExtension.allowedActions.canApprove).toBe(true);
  });

  it("lets an approver, not the requester, acknowledge a break-glass grant", async () => {
    const oncall = await makeGroup();
    const { conn, groups } = await connectionWith({});
    const admin = await makeUser({ admin: true });
    await updateConnection(as(admin), conn.name, { breakGlassGroups: [oncall.name] });
    const breaker = await makeUser({ groups: [oncall] });
    const bob = await makeUser({ groups: [groups[0]!] });
    const grant = await createRequest(as(breaker), { connection: conn.name, emergency: true, reason: "outage" });

    expect((await getRequestDetail(breaker, grant.id)).lifecycle.canAcknowledge).toBe(false);
    expect((await getRequestDetail(bob, grant.id)).lifecycle.canAcknowledge).toBe(true);
    expect((await getRequestDetail(admin, grant.id)).lifecycle.canAcknowledge).toBe(true);
    await acknowledgeEmergency(as(bob), grant.id, { note: "fine" });
    expect((await getRequestDetail(admin, grant.id)).lifecycle.canAcknowledge).toBe(false);
  });
});

describe("approve for one group", () => {
  it("asks an approver in two required groups to choose under distinct approvers, and the choice counts for that group only", async () => {
    const { conn, groups } = await connectionWith({ distinctApprovers: true }, 2);
    const both = await makeUser({ groups: groups });
    const req = await createRequest(as(await makeUser()), { connection: conn.name, reason: "two groups" });
    const names = groups.map((g) => g.name).sort();

    const queue = await listReviews(both, { tab: "queue", limit: 100 });
    expect(queue.items.find((i) => i.id === req.id)?.approveGroupChoices).toEqual(names);
    expect((await getRequestDetail(both, req.id)).lifecycle.approveGroupChoices).toEqual(names);

    const approved = await approveRequest(as(both), req.id, { group: names[1] });
    expect(approved.status).toBe("PENDING");
    expect(approved.groups.find((g) => g.name === names[1])?.satisfied).toBe(true);
    expect(approved.groups.find((g) => g.name === names[0])?.satisfied).toBe(false);
    expect((await getRequestDetail(both, req.id)).lifecycle.approveGroupChoices).toEqual([]);
  });
});

describe("post-incident review queue", () => {
  it("lists unacknowledged break-glass grants for their approvers and admins, never the requester's own, until acknowledged", async () => {
    const oncall = await makeGroup();
    const { conn, groups } = await connectionWith({});
    const admin = await makeUser({ admin: true });
    await updateConnection(as(admin), conn.name, { breakGlassGroups: [oncall.name] });
    const breaker = await makeUser({ groups: [oncall] });
    const bob = await makeUser({ groups: [groups[0]!] });
    const stranger = await makeUser({ groups: [await makeGroup()] });
    const first = await createRequest(as(breaker, new Date(Date.now() - 60_000)), { connection: conn.name, emergency: true, reason: "first" });
    const second = await createRequest(as(await makeUser({ groups: [oncall] })), { connection: conn.name, emergency: true, reason: "second" });

    const forBob = await listEmergencyReviews(bob, {});
    expect(forBob.items.map((i) => i.id)).toEqual([first.id, second.id]);
    expect(forBob.count).toBe(2);
    expect((await listEmergencyReviews(breaker, {})).items.map((i) => i.id)).not.toContain(first.id);
    expect((await listEmergencyReviews(stranger, {})).items).toEqual([]);
    expect((await listEmergencyReviews(admin, { limit: 100 })).items.map((i) => i.id)).toEqual(expect.arrayContaining([first.id, second.id]));

    const page1 = await listEmergencyReviews(bob, { limit: 1 });
    expect(page1.items.map((i) => i.id)).toEqual([first.id]);
    const page2 = await listEmergencyReviews(bob, { limit: 1, cursor: page1.nextCursor });
    expect(page2.items.map((i) => i.id)).toEqual([second.id]);
    expect(page2.nextCursor).toBeNull();

    await acknowledgeEmergency(as(bob), first.id, { note: "justified" });
    expect((await listEmergencyReviews(bob, {})).items.map((i) => i.id)).toEqual([second.id]);
    expect(await countEmergencyReviews(bob)).toBe(1);

    const api = await call("GET", "/api/v1/reviews/emergency?limit=5", { token: await tokenFor(bob) });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ count: 1, items: [expect.objectContaining({ id: second.id, emergency: true })] });
    expect((await call("GET", "/api/v1/reviews/emergency?limit=0", { token: await tokenFor(bob) })).status).toBe(400);
    // A forged cursor with a year PostgreSQL cannot hold is bad input, not a server error.
    const farOff = Buffer.from(JSON.stringify({ t: "+275760-09-13T00:00:00.000Z", id: "x" })).toString("base64url");
    const forged = await call("GET", `/api/v1/reviews/emergency?cursor=${farOff}`, { token: await tokenFor(bob) });
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ error: { code: "invalid_input", message: "cursor is not one this API returned." } });
    expect((await call("GET", "/api/v1/reviews/emergency")).status).toBe(401);
  });
});
