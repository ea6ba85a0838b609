/**
 * Issue 7, pending timeout: a request nobody decides within the connection's timeout
 * turns EXPIRED ("timed out, no decision in time") once the sweep runs, distinct from
 * EXECUTED. The test drives the sweep through the cron route, as Vercel would.
 */
import { expect } from "@playwright/test";
import { saveScreenshot } from "./helpers";
import { cronSecret, requestAccess, statusBadge, statusPanel, tag, test } from "./journey-helpers";
import { createConnection, requestView, suffix } from "./issue7-helpers";

test("a request with no decision within a 1-minute pending timeout shows EXPIRED, timed out", async ({ personIn }) => {
  test.setTimeout(150_000);
  const [admin, alice] = await Promise.all([personIn("admin@example.com"), personIn("alice@example.com")]);
  const name = `pt-${suffix()}`;
  await createConnection(admin, { name, approvalGroups: ["security"] });
  const patch = await admin.request.patch(`/api/v1/connections/${name}`, { data: { pendingTimeout: "1m" } });
  expect(patch.ok()).toBe(true);
  expect((await patch.json()).policy.summary).toContain("Requests not decided within 1m expire.");

  const id = await requestAccess(alice, { connection: name, reason: tag("Nobody will answer this") });
  await expect(statusBadge(alice)).toHaveText("PENDING");
  await expect(alice.getByTestId("times-out")).toHaveText(/^Times out in (\d{1,2}s|1m) if nobody decides\.$/);
  await saveScreenshot(alice, "i7-alice-pending-times-out");

  const { pendingExpiresAt } = await requestView(alice, id);
  await alice.waitForTimeout(Math.max(0, new Date(pendingExpiresAt!).getTime() - Date.now()) + 1_000);
  const sweep = await alice.request.post("/api/cron/expire", { headers: { authorization: `Bearer ${cronSecret()}` } });
  expect(sweep.status()).toBe(200);
  // The in-process sweep may have got there first; either way it moved exactly once.
  expect((await sweep.json()).timedOut).toEqual(expect.any(Number));

  await expect(statusBadge(alice)).toHaveText("EXPIRED", { timeout: 2_000 });
  await expect(statusPanel(alice)).toContainText("Timed out — no decision in time");
  await expect(alice.getByTestId("end-note")).toHaveText("No decision within 1m");
  await expect(statusPanel(alice)).not.toContainText("Access period completed");
  await expect(alice.getByRole("list", { name: "Timeline" })).toContainText("closed the request with no decision in time");
  expect(await requestView(alice, id)).toMatchObject({ status: "EXPIRED", endNote: "No decision within 1m" });
  await saveScreenshot(alice, "i7-alice-timed-out");

  // Approving now is refused with the request's real state.
  const late = await admin.request.post(`/api/v1/access-requests/${id}/force-approve`, { data: { reason: "too late" } });
  expect(late.status()).toBe(409);
});
