/**
 * Journey 5: a one-minute grant lapses, denies at once, and turns to EXECUTED once the
 * sweep runs. The test drives the sweep itself through the cron route, as Vercel would.
 */
import { expect } from "@playwright/test";
import { saveScreenshot } from "./helpers";
import { cronSecret, test, requestAccess, statusBadge, statusPanel, tag } from "./journey-helpers";

test("5. a 1-minute grant expires and turns to EXECUTED after the sweep", async ({ personIn }) => {
  test.setTimeout(150_000);
  const dave = await personIn("dave@example.com");
  // staging-k8s needs no approval, so the minute starts now.
  const id = await requestAccess(dave, { connection: "staging-k8s", duration: "1m", reason: tag("Quick look at pod logs") });
  await expect(statusPanel(dave)).toContainText("Access ready");
  await expect(dave.getByTestId("countdown")).toHaveText(/^expires in (\d{1,2}s|1m)$/);
  await saveScreenshot(dave, "j5-dave-one-minute");

  const view = await (await dave.request.get(`/api/v1/access-requests/${id}`)).json();
  expect((await (await dave.request.get("/api/v1/connections/staging-k8s/access")).json()).allowed).toBe(true);
  const msLeft = new Date(view.expiresAt).getTime() - Date.now();
  await dave.waitForTimeout(Math.max(0, msLeft) + 1_000);

  // Past expiresAt the grant denies at once, sweep or not. (Another spec may hold its own grant for dave on
  // staging-k8s, so the check is that this grant no longer answers for him.)
  const lapsed = await (await dave.request.get(`/api/v1/access-requests/${id}`)).json();
  expect(lapsed.active).toBe(false);
  const access = await (await dave.request.get("/api/v1/connections/staging-k8s/access")).json();
  expect(access.allowed === false || access.requestId !== id).toBe(true);
  await expect(statusPanel(dave)).not.toContainText("Access ready", { timeout: 2_000 });

  const unauthorized = await dave.request.post("/api/cron/expire");
  expect(unauthorized.status()).toBe(401);
  const sweep = await dave.request.post("/api/cron/expire", { headers: { authorization: `Bearer ${cronSecret()}` } });
  expect(sweep.status()).toBe(200);
  expect((await sweep.json()).expired).toEqual(expect.any(Number));

  await expect(statusBadge(dave)).toHaveText("EXECUTED", { timeout: 2_000 });
  await expect(statusPanel(dave)).toContainText("Access period completed");
  await expect(dave.getByRole("list", { name: "Timeline" })).toContainText("access expired; the request is EXECUTED");
  await saveScreenshot(dave, "j5-dave-executed");
});
