import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { checkEmailAction, performEmailAction } from "@/lib/email/email-actions";
import { as, failure, makeConnection, makeGroup, makeUser } from "../factories";
import { FakeServices } from "./fake-services";
import { drain, useFakes } from "./helpers";

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

/** A pending request, and the approver's email as delivered to the fake Resend. */
async function emailed(opts: { min?: number } = {}) {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group, min: opts.min ?? 1 }] });
  const approver = await makeUser({ groups: [group] });
  const other = await makeUser({ groups: [group] });
  const requester = await makeUser();
  const req = await createRequest(as(requester), { connection: conn.name, duration: "30m", reason: "hotfix" });
  await drain([req.id]);
  const email = fakes.emailsTo(approver.email)[0]!;
  const tokens = [...email.body.html.matchAll(/\/email-actions\/([A-Za-z0-9_.-]+)"/g)].map((m) => m[1]!);
  const [approveToken, rejectToken] = [...new Set(tokens)];
  return { group, approver, other, requester, req, approveToken: approveToken!, rejectToken: rejectToken! };
}

const statusOf = async (id: string) => (await db().accessRequest.findUniqueOrThrow({ where: { id } })).status;

describe("approve by email", () => {
  it("shows a confirmation (GET never acts), approves once, and refuses a reuse", async () => {
    const s = await emailed();
    expect(s.approveToken).toBeTruthy();
    expect(s.rejectToken).toBeTruthy();
    const preview = await checkEmailAction(s.approver, s.approveToken);
    expect(preview).toMatchObject({ ok: true, action: "approve", request: { id: s.req.id, status: "PENDING" } });
    expect(await statusOf(s.req.id)).toBe("PENDING");

    const done = await performEmailAction(as(s.approver), s.approveToken);
    expect(done.request.status).toBe("APPROVED");
    const events = await db().auditEvent.findMany({ where: { requestId: s.req.id, action: "request.approved" } });
    expect(events.map((e) => e.actorEmail)).toEqual([s.approver.email]);

    expect(await failure(performEmailAction(as(s.approver), s.approveToken), "conflict")).toContain("already used");
    // Its sibling Reject link is used up with it.
    expect(await checkEmailAction(s.approver, s.rejectToken)).toMatchObject({ ok: false, code: "used" });
    expect(await statusOf(s.req.id)).toBe("APPROVED");
  });

  it("refuses a forged or tampered link", async () => {
    const s = await emailed();
    const [body, sig] = s.approveToken.split(".");
    const claims = JSON.parse(Buffer.from(body!, "base64url").toString());
    const forSomeoneElse = `${Buffer.from(JSON.stringify({ ...claims, u: s.other.id })).toString("base64url")}.${sig}`;
    expect(await failure(performEmailAction(as(s.other), forSomeoneElse), "forbidden")).toContain("not valid");
    const flipped = `${Buffer.from(JSON.stringify({ ...claims, a: "reject" })).toString("base64url")}.${sig}`;
    await failure(performEmailAction(as(s.approver), flipped), "forbidden");
    await failure(performEmailAction(as(s.approver), `${body}.${"A".repeat(43)}`), "forbidden");
    await failure(performEmailAction(as(s.approver), "garbage"), "forbidden");
    expect(await statusOf(s.req.id)).toBe("PENDING");
  });

  it("refuses a link used by a different signed-in user", async () => {
    const s = await emailed();
    const check = await checkEmailAction(s.other, s.approveToken);
    expect(check).toMatchObject({ ok: false, code: "wrong_user" });
    expect(await failure(performEmailAction(as(s.other), s.approveToken), "forbidden")).toContain("sent to someone else");
    expect(await statusOf(s.req.id)).toBe("PENDING");
    // The refusal did not use the link up for its owner.
    await performEmailAction(as(s.approver), s.approveToken);
    expect(await statusOf(s.req.id)).toBe("APPROVED");
  });

  it("stops working when the request is decided elsewhere, or after 24 hours", async () => {
    const s = await emailed({ min: 2 });
    await approveRequest(as(s.other), s.req.id);
    const third = await makeUser({ groups: [s.group] });
    await approveRequest(as(third), s.req.id);
    expect(await failure(performEmailAction(as(s.approver), s.approveToken), "conflict")).toContain("already approved");

    const fresh = await emailed();
    const tomorrow = new Date(Date.now() + 24 * 3600_000 + 1000);
    expect(await failure(performEmailAction(as(fresh.approver, tomorrow), fresh.approveToken), "conflict")).toContain("expired");
    expect(await statusOf(fresh.req.id)).toBe("PENDING");
  });

  it("rejects with a reason through the Reject link", async () => {
    const s = await emailed();
    const done = await performEmailAction(as(s.approver), s.rejectToken, { reason: "wrong ticket" });
    expect(done).toMatchObject({ action: "reject", request: { status: "REJECTED", decisionNote: "wrong ticket" } });
    await drain([s.req.id]);
    const told = fakes.emailsTo(s.requester.email);
    expect(told.map((e) => e.body.subject)).toEqual([expect.stringMatching(/^Request rejected/)]);
    expect(told[0]!.body.text).toContain("wrong ticket");
  });

  it("refuses an approver who has left the approval group since", async () => {
    const s = await emailed();
    await db().groupMember.deleteMany({ where: { userId: s.approver.id } });
    expect(await checkEmailAction({ ...s.approver, groupIds: new Set(), groupNames: [] }, s.approveToken)).toMatchObject({
      ok: false,
      code: "not_allowed",
    });
  });
});
