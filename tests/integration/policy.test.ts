import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { revokeGrant } from "@/lib/access/revoke-grant";
import { getRequest } from "@/lib/access/get-request";
import { checkAccess } from "@/lib/access/check-access";
import { expireGrants } from "@/lib/access/expire-grants";
import { extendGrant } from "@/lib/access/extend-grant";
import { releaseGrant } from "@/lib/access/release-grant";
import { acknowledgeEmergency } from "@/lib/access/acknowledge-emergency";
import { listRequests } from "@/lib/access/list-requests";
import { isActiveGrant } from "@/lib/access/request-view";
import { updateConnection } from "@/lib/admin/update-connection";
import { as, eventsOf, failure, makeConnection, makeGroup, makeUser } from "./factories";

const at = (minutes: number, from: Date) => new Date(from.getTime() + minutes * 60_000);

async function configured(settings: Record<string, unknown>, groups = 1) {
  const approvers = await Promise.all(Array.from({ length: groups }, () => makeGroup()));
  const conn = await makeConnection({ groups: approvers.map((group) => ({ group })) });
  const admin = await makeUser({ admin: true });
  const view = await updateConnection(as(admin), conn.name, settings);
  return { conn, approvers, admin, view };
}

describe("request policy", () => {
  it("enforces reason length, reason pattern and a ticket format, and shows the ticket", async () => {
    const { conn } = await configured({ reasonMinLength: 10, reasonPattern: "[A-Z]+-\\d+", ticketMode: "required", ticketPattern: "^[A-Z]+-\\d+$" });
    const alice = await makeUser();
    const short = await failure(createRequest(as(alice), { connection: conn.name, reason: "fix", ticket: "OPS-1" }), "invalid_input");
    expect(short).toContain("at least 10 characters");
    expect(await failure(createRequest(as(alice), { connection: conn.name, reason: "investigating OPS-7 latency" }), "invalid_input")).toContain("ticket is required");
    expect(await failure(createRequest(as(alice), { connection: conn.name, reason: "investigating OPS-7 latency", ticket: "ops7" }), "invalid_input")).toContain("must match");
    const ok = await createRequest(as(alice), { connection: conn.name, reason: "investigating OPS-7 latency", ticket: "OPS-7" });
    expect(ok.ticket).toBe("OPS-7");
    expect((await eventsOf(ok.id))[0]!.data).toMatchObject({ ticket: "OPS-7" });
  });

  it("refuses a pattern that does not compile, naming the setting", async () => {
    const conn = await makeConnection();
    const admin = await makeUser({ admin: true });
    expect(await failure(updateConnection(as(admin), conn.name, { reasonPattern: "([" }), "invalid_input")).toContain("reasonPattern");
  });

  it("audits policy changes with before and after", async () => {
    const { conn } = await configured({ reasonRequired: true, pendingTimeout: "4h" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { connectionId: conn.id, action: "connection.updated" }, orderBy: { id: "desc" } });
    expect(event.data).toMatchObject({ before: { policy: { reasonRequired: false, pendingTimeout: "24h" } }, after: { policy: { reasonRequired: true, pendingTimeout: "4h" } } });
  });
});

describe("pending timeout", () => {
  it("turns an undecided request EXPIRED through the sweep, exactly once, and refuses decisions after the deadline", async () => {
    const { conn, approvers } = await configured({ pendingTimeout: "2h" });
    const t0 = new Date();
    const req = await createRequest(as(await makeUser(), t0), { connection: conn.name });
    expect(req.pendingExpiresAt).toBe(at(120, t0).toISOString());
    const approver = await makeUser({ groups: [approvers[0]!] });
    expect(await failure(approveRequest(as(approver, at(121, t0)), req.id), "conflict")).toContain("timed out");
    expect(await failure(rejectRequest(as(approver, at(121, t0)), req.id), "conflict")).toContain("timed out");
    expect((await expireGrants(at(121, t0))).timedOut).toBeGreaterThanOrEqual(1);
    await expireGrants(at(122, t0));
    const after = await db().accessRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(after.status).toBe("EXPIRED");
    expect(after.endNote).toBe("No decision within 2h");
    const timedOut = (await eventsOf(req.id)).filter((e) => e.action === "request.timed_out");
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]!.data).toMatchObject({ note: "No decision within 2h" });
    expect((await getRequest(approver, req.id, at(122, t0))).endNote).toBe("No decision within 2h");
  });

  it("says the request's own timeout in the note, hours and minutes as durations are written", async () => {
    const { conn } = await configured({ pendingTimeout: "1h30m" });
    const t0 = new Date();
    const req = await createRequest(as(await makeUser(), t0), { connection: conn.name });
    // A later change of the connection's timeout does not rewrite what this request was promised.
    await updateConnection(as(await makeUser({ admin: true })), conn.name, { pendingTimeout: "45m" });
    await expireGrants(at(91, t0));
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: req.id } })).endNote).toBe("No decision within 1h30m");
  });

  it("leaves requests alone before their deadline", async () => {
    const { conn } = await configured({ pendingTimeout: "2h" });
    const t0 = new Date();
    const req = await createRequest(as(await makeUser(), t0), { connection: conn.name });
    await expireGrants(at(60, t0));
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: req.id } })).status).toBe("PENDING");
  });
});

describe("scheduled start", () => {
  it("opens the window at the later of approval and the start time", async () => {
    const { conn, approvers } = await configured({});
    const alice = await makeUser();
    const t0 = new Date();
    const startsAt = at(180, t0);
    const req = await createRequest(as(alice, t0), { connection: conn.name, duration: "1h", startsAt: startsAt.toISOString() });
    const approved = await approveRequest(as(await makeUser({ groups: [approvers[0]!] }), at(5, t0)), req.id);
    expect(approved.expiresAt).toBe(at(240, t0).toISOString());
    expect((await checkAccess(alice, conn.name, undefined, at(10, t0))).allowed).toBe(false);
    expect((await checkAccess(alice, conn.name, undefined, at(181, t0))).allowed).toBe(true);
    expect((await getRequest(alice, req.id, at(10, t0))).active).toBe(false);
  });

  it("refuses a start in the past or more than 7 days ahead", async () => {
    const { conn } = await configured({});
    const alice = await makeUser();
    const now = new Date();
    for (const startsAt of [at(-5, now), at(8 * 24 * 60, now)]) {
      expect(await failure(createRequest(as(alice, now), { connection: conn.name, startsAt: startsAt.toISOString() }), "invalid_input")).toContain("7 days");
    }
    expect(await failure(createRequest(as(alice), { connection: conn.name, startsAt: "tomorrow" }), "invalid_input")).toContain("ISO 8601");
  });
});

describe("extensions", () => {
  it("go through approval again while the grant keeps running, then move the expiry", async () => {
    const { conn, approvers } = await configured({ maxTotalDuration: "4h" });
    const alice = await makeUser();
    const bob = await makeUser({ groups: [approvers[0]!] });
    const t0 = new Date();
    const grant = await createRequest(as(alice, t0), { connection: conn.name, duration: "1h" });
    await approveRequest(as(bob, t0), grant.id);

    const ext = await extendGrant(as(alice, at(30, t0)), grant.id, { duration: "2h", reason: "migration still running" });
    expect(ext).toMatchObject({ status: "PENDING", extendsRequestId: grant.id, duration: "2h" });
    expect((await checkAccess(alice, conn.name, undefined, at(45, t0))).allowed).toBe(true);

    await approveRequest(as(bob, at(40, t0)), ext.id);
    const extended = await getRequest(alice, grant.id, at(40, t0));
    expect(extended.expiresAt).toBe(at(180, t0).toISOString());
    expect((await checkAccess(alice, conn.name, undefined, at(170, t0))).allowed).toBe(true);
    expect((await eventsOf(grant.id)).map((e) => e.action)).toContain("request.extended");

    expect(await failure(extendGrant(as(alice, at(50, t0)), grant.id, { duration: "2h" }), "invalid_input")).toContain("total cap of 4h");
    expect(await failure(extendGrant(as(await makeUser()), grant.id, { duration: "1h" }), "forbidden")).toContain("requester");
  });

  it("show as applied to their grant once approved: live while it is, ending with it", async () => {
    const { conn, approvers, admin } = await configured({ maxTotalDuration: "8h" });
    const alice = await makeUser();
    const bob = await makeUser({ groups: [approvers[0]!] });
    const t0 = new Date();
    const grant = await createRequest(as(alice, t0), { connection: conn.name, duration: "1h" });
    await approveRequest(as(bob, t0), grant.id);
    const first = await extendGrant(as(alice, at(10, t0)), grant.id, { duration: "1h" });
    expect(first).toMatchObject({ status: "PENDING", active: false, appliedTo: null, expiresAt: null });
    await approveRequest(as(bob, at(11, t0)), first.id);

    // Applied: live with the grant, ending when it ends, and saying which grant that is.
    const applied = await getRequest(alice, first.id, at(20, t0));
    expect(applied).toMatchObject({
      status: "APPROVED",
      active: true,
      expiresAt: at(120, t0).toISOString(),
      appliedTo: { id: grant.id, status: "APPROVED", active: true, expiresAt: at(120, t0).toISOString(), endedAt: null },
    });
    expect((await getRequest(alice, grant.id, at(20, t0))).appliedTo).toBeNull();

    // A second extension moves the grant's end, and the first one's with it: nothing ends early.
    const second = await extendGrant(as(alice, at(30, t0)), grant.id, { duration: "30m" });
    await approveRequest(as(bob, at(31, t0)), second.id);
    for (const id of [first.id, second.id]) {
      expect(await getRequest(alice, id, at(130, t0))).toMatchObject({ active: true, expiresAt: at(150, t0).toISOString() });
      expect((await db().accessRequest.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(at(150, t0));
    }
    await expireGrants(at(130, t0));
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("APPROVED");

    // Lists agree with the request's page; live-access lists show the grant once.
    const mine = (await listRequests(alice, { mine: "1" }, at(40, t0))).items;
    expect(mine.filter((r) => r.active).map((r) => r.id).sort()).toEqual([grant.id, first.id, second.id].sort());
    expect(mine.filter(isActiveGrant).map((r) => r.id)).toEqual([grant.id]);

    // The grant ends early: its applied extensions are no longer live either, and say why.
    await revokeGrant(as(admin, at(45, t0)), grant.id, { reason: "done" });
    expect(await getRequest(alice, first.id, at(46, t0))).toMatchObject({
      status: "APPROVED",
      active: false,
      appliedTo: { id: grant.id, status: "REVOKED", active: false, endedAt: at(45, t0).toISOString() },
    });
    // The sweep completes them when the grant would have ended, like the grant.
    await expireGrants(at(151, t0));
    expect(await getRequest(alice, first.id, at(151, t0))).toMatchObject({ status: "EXECUTED", active: false, appliedTo: { id: grant.id } });
  });

  it("are granted at once for an admin under auto-approve", async () => {
    const { conn, admin } = await configured({ maxTotalDuration: "8h" });
    const t0 = new Date();
    const grant = await createRequest(as(admin, t0), { connection: conn.name, duration: "1h" });
    const ext = await extendGrant(as(admin, at(10, t0)), grant.id, { duration: "1h" });
    expect(ext).toMatchObject({ status: "APPROVED", active: true, appliedTo: { id: grant.id, active: true }, expiresAt: at(120, t0).toISOString() });
    expect((await getRequest(admin, grant.id, at(10, t0))).expiresAt).toBe(at(120, t0).toISOString());
  });

  it("close when their grant ends first, and cannot be approved after that", async () => {
    const { conn, approvers, admin } = await configured({ maxTotalDuration: "8h" });
    const alice = await makeUser();
    const bob = await makeUser({ groups: [approvers[0]!] });
    const grant = await createRequest(as(alice), { connection: conn.name, duration: "1h" });
    await approveRequest(as(bob), grant.id);
    const ext = await extendGrant(as(alice), grant.id, { duration: "1h" });
    await revokeGrant(as(admin), grant.id, { reason: "incident over" });
    expect(await failure(approveRequest(as(bob), ext.id), "conflict")).toContain("has ended");
    await expireGrants();
    expect(await db().accessRequest.findUniqueOrThrow({ where: { id: ext.id } })).toMatchObject({
      status: "EXPIRED",
      endNote: "The grant it would extend ended before a decision",
    });
    // The grant's own end keeps the revoker's reason.
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: grant.id } })).endNote).toBe("incident over");
  });
});

describe("early release", () => {
  it("lets the requester end their grant, audited as released, and nobody else", async () => {
    const { conn, approvers } = await configured({});
    const alice = await makeUser();
    const grant = await createRequest(as(alice), { connection: conn.name });
    await approveRequest(as(await makeUser({ groups: [approvers[0]!] })), grant.id);
    await failure(releaseGrant(as(await makeUser({ admin: true })), grant.id), "forbidden");
    const released = await releaseGrant(as(alice), grant.id);
    expect(released).toMatchObject({ status: "REVOKED", active: false, endNote: "Released early by the requester" });
    expect((await eventsOf(grant.id)).at(-1)?.action).toBe("request.released");
    expect((await checkAccess(alice, conn.name)).allowed).toBe(false);
    await failure(releaseGrant(as(alice), grant.id), "conflict");
  });
});

describe("break-glass", () => {
  it("grants a member at once, marked EMERGENCY, within the break-glass maximum, then waits for review", async () => {
    const oncall = await makeGroup();
    const { conn, approvers } = await configured({}, 1);
    const admin = await makeUser({ admin: true });
    await updateConnection(as(admin), conn.name, { breakGlassGroups: [oncall.name], breakGlassMaxDuration: "30m" });
    const sre = await makeUser({ groups: [oncall] });

    expect(await failure(createRequest(as(sre), { connection: conn.name, emergency: true, duration: "1h", reason: "db down" }), "invalid_input")).toContain("break-glass maximum of 30m");
    expect(await failure(createRequest(as(sre), { connection: conn.name, emergency: true }), "invalid_input")).toContain("needs a reason");
    await failure(createRequest(as(await makeUser()), { connection: conn.name, emergency: true, reason: "x" }), "forbidden");

    const grant = await createRequest(as(sre), { connection: conn.name, emergency: true, reason: "primary is down, INC-9" });
    expect(grant).toMatchObject({ status: "APPROVED", emergency: true, active: true, duration: "30m", review: { acknowledgedAt: null } });
    const jobs = await db().outboxJob.findMany({ where: { requestId: grant.id } });
    expect(jobs.map((j) => (j.payload as { type: string }).type)).toEqual(expect.arrayContaining(["request.approved", "request.emergency"]));

    const approver = await makeUser({ groups: [approvers[0]!] });
    expect((await listRequests(approver, { needsReview: "1" })).items.map((r) => r.id)).toContain(grant.id);
    await failure(acknowledgeEmergency(as(sre), grant.id, { note: "self" }), "forbidden");
    await failure(acknowledgeEmergency(as(await makeUser()), grant.id, { note: "x" }), "forbidden");
    await failure(acknowledgeEmergency(as(approver), grant.id, {}), "invalid_input");
    const reviewed = await acknowledgeEmergency(as(approver), grant.id, { note: "Checked the session log; restart was needed." });
    expect(reviewed.review).toMatchObject({ note: "Checked the session log; restart was needed." });
    expect((await listRequests(approver, { needsReview: "1" })).items.map((r) => r.id)).not.toContain(grant.id);
    await failure(acknowledgeEmergency(as(approver), grant.id, { note: "again" }), "conflict");
  });
});

describe("separation of duties", () => {
  it("counts an approval for one group only, chosen by an approver in several", async () => {
    const { conn, approvers } = await configured({ distinctApprovers: true }, 2);
    const [dba, sec] = approvers as [Awaited<ReturnType<typeof makeGroup>>, Awaited<ReturnType<typeof makeGroup>>];
    const both = await makeUser({ groups: [dba, sec] });
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    expect(await failure(approveRequest(as(both), req.id), "invalid_input")).toContain("choose the one");
    expect(await failure(approveRequest(as(both), req.id, { group: "nope" }), "invalid_input")).toContain("not \"nope\"");
    const afterBoth = await approveRequest(as(both), req.id, { group: dba.name });
    expect(afterBoth.status).toBe("PENDING");
    expect(afterBoth.groups.find((g) => g.name === dba.name)?.satisfied).toBe(true);
    expect(afterBoth.groups.find((g) => g.name === sec.name)?.satisfied).toBe(false);
    const done = await approveRequest(as(await makeUser({ groups: [sec] })), req.id);
    expect(done.status).toBe("APPROVED");
  });

  it("picks the only group still open for an approver in several", async () => {
    const { conn, approvers } = await configured({ distinctApprovers: true }, 2);
    const [dba, sec] = approvers as [Awaited<ReturnType<typeof makeGroup>>, Awaited<ReturnType<typeof makeGroup>>];
    const req = await createRequest(as(await makeUser()), { connection: conn.name });
    await approveRequest(as(await makeUser({ groups: [dba] })), req.id);
    expect((await approveRequest(as(await makeUser({ groups: [dba, sec] })), req.id)).status).toBe("APPROVED");
  });

  it("never lets a teammate outside a required group stand in for it", async () => {
    const team = await makeGroup();
    const { conn } = await configured({}, 1);
    const requester = await makeUser({ groups: [team] });
    const teammate = await makeUser({ groups: [team] });
    const req = await createRequest(as(requester), { connection: conn.name });
    await failure(approveRequest(as(teammate), req.id), "forbidden");
  });
});
