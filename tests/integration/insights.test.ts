import { expect, it } from "vitest";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { updateConnection } from "@/lib/admin/update-connection";
import { getInsights } from "@/lib/insights/get-insights";
import { call } from "./api-client";
import { as, failure, makeConnection, makeGroup, makeUser, tokenFor } from "./factories";

it("reports requests per day, time to decision, active grants, top requesters and emergencies", async () => {
  const group = await makeGroup();
  const oncall = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }] });
  const admin = await makeUser({ admin: true });
  await updateConnection(as(admin), conn.name, { breakGlassGroups: [oncall.name] });
  const approver = await makeUser({ groups: [group] });
  const busy = await makeUser({ groups: [oncall] });
  const t0 = new Date(Date.now() - 3600_000);

  // Decided after 60 s and after 600 s.
  const fast = await createRequest(as(await makeUser(), t0), { connection: conn.name });
  await approveRequest(as(approver, new Date(t0.getTime() + 60_000)), fast.id);
  const slow = await createRequest(as(await makeUser(), t0), { connection: conn.name });
  await rejectRequest(as(approver, new Date(t0.getTime() + 600_000)), slow.id);
  // A requester busier than anyone else in the test database.
  for (let i = 0; i < 15; i++) await createRequest(as(busy), { connection: (await makeConnection()).name, duration: "2h" });
  const emergency = await createRequest(as(busy), { connection: conn.name, emergency: true, reason: "outage" });

  const insights = await getInsights(admin, { days: "7" });
  const decision = insights.timeToDecision.find((d) => d.connection === conn.name);
  expect(decision).toMatchObject({ decided: 2, medianSeconds: 330 });
  expect(decision!.p90Seconds).toBeGreaterThan(500);
  expect(insights.activeGrants.find((a) => a.connection === conn.name)?.count).toBe(2);
  expect(insights.topRequesters[0]).toMatchObject({ email: busy.email, count: 16 });
  expect(insights.emergencies.find((e) => e.id === emergency.id)).toMatchObject({ requester: busy.email, reviewed: false });
  const today = insights.requestsPerDay.filter((d) => d.status === "APPROVED").reduce((n, d) => n + d.count, 0);
  expect(today).toBeGreaterThanOrEqual(17);

  await failure(getInsights(approver, {}), "forbidden");
  expect((await call("GET", "/api/v1/insights?days=0", { token: await tokenFor(admin) })).status).toBe(400);
  expect((await call("GET", "/api/v1/insights?days=30", { token: await tokenFor(approver) })).status).toBe(403);
});
