import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "@/lib/access/create-request";
import { expireGrants } from "@/lib/access/expire-grants";
import { updateConnection } from "@/lib/admin/update-connection";
import { updateConnectionChannels } from "@/lib/notifications/connection-channels";
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

async function setup() {
  const group = await makeGroup();
  const oncall = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }] });
  const admin = await makeUser({ admin: true });
  const hook = unique("hook");
  await updateConnectionChannels(as(admin), conn.name, { slackChannels: [`#${unique("ops")}`], teamsWebhookUrl: fakes.teamsHook(hook), email: true });
  await updateConnection(as(admin), conn.name, { breakGlassGroups: [oncall.name], pendingTimeout: "1h" });
  return { group, oncall, conn, admin, hook, approver: await makeUser({ groups: [group] }) };
}

describe("notifications for break-glass and timeouts", () => {
  it("tells every approver and every admin about a break-glass grant at once, on every channel", async () => {
    const s = await setup();
    const sre = await makeUser({ groups: [s.oncall] });
    const grant = await createRequest(as(sre), { connection: s.conn.name, emergency: true, reason: "primary down" });
    await drain([grant.id]);
    const subjects = (email: string) => fakes.emailsTo(email).map((e) => e.body.subject);
    expect(subjects(s.approver.email)).toEqual([expect.stringMatching(/^EMERGENCY: .* broke the glass/)]);
    expect(subjects(s.admin.email)).toEqual([expect.stringMatching(/^EMERGENCY/)]);
    expect(subjects(sre.email).filter((x) => x.startsWith("EMERGENCY"))).toEqual([]);
    // Nobody is asked to approve a grant that is already open.
    expect(subjects(s.approver.email).some((x) => x.startsWith("Approve?"))).toBe(false);
    const posts = fakes.slackAbout("chat.postMessage", grant.id);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain("EMERGENCY");
    expect(JSON.stringify(fakes.teamsTo(s.hook))).toContain("EMERGENCY: break-glass access opened");
  });

  it("tells the requester when nobody decided in time", async () => {
    const s = await setup();
    const alice = await makeUser();
    const t0 = new Date();
    const req = await createRequest(as(alice, t0), { connection: s.conn.name });
    await drain([req.id], t0);
    await expireGrants(later(61 * 60_000, t0));
    await drain([req.id], later(61 * 60_000, t0));
    expect(fakes.emailsTo(alice.email).map((e) => e.body.subject)).toEqual([`Request timed out: ${s.conn.name}`]);
  });
});
