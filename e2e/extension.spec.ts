/**
 * Issue 7, extension: the requester asks for more time on a live grant; the extension goes
 * through the connection's approval rule; once approved the expiry moves, and access never
 * lapses meanwhile. Then the requester ends the grant early.
 */
import { expect } from "@playwright/test";
import { saveScreenshot } from "./helpers";
import { queueItem, requestAccess, statusBadge, statusPanel, tag, test } from "./journey-helpers";
import { createConnection, requestView, suffix } from "./issue7-helpers";

test("extension approved while the grant continues: the expiry moves and access never lapses; then the requester ends it early", async ({ personIn }) => {
  const [admin, alice, bob] = await Promise.all([personIn("admin@example.com"), personIn("alice@example.com"), personIn("bob@example.com")]);
  const name = `ext-${suffix()}`;
  await createConnection(admin, { name, approvalGroups: ["dba-team"], maxDuration: "1h", defaultDuration: "30m", maxTotalDuration: "3h" });

  const reason = tag("Migrate the orders table");
  const id = await requestAccess(alice, { connection: name, duration: "30m", reason });
  await bob.goto("/reviews");
  await queueItem(bob, reason).getByRole("button", { name: "Approve" }).click();
  await expect(statusPanel(alice)).toContainText("Access ready", { timeout: 2_000 });
  const before = new Date((await requestView(alice, id)).expiresAt!).getTime();

  // Watch access the whole time, as a client would: it must never lapse.
  const checks: boolean[] = [];
  let extensionId = "";
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const r = await alice.request.get(`/api/v1/connections/${name}/access`);
      checks.push(((await r.json()) as { allowed: boolean }).allowed);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();
  const stopWatching = async () => {
    watching = false;
    await watcher;
  };
  try {
    await statusPanel(alice).getByRole("button", { name: "Request more time" }).click();
    const dialog = alice.getByRole("dialog");
    await expect(dialog.getByText("Up to 2h30m more within the connection's total cap.")).toBeVisible();
    await expect(dialog.getByRole("button", { name: "4h", exact: true })).toBeDisabled();
    await dialog.getByRole("button", { name: "1h", exact: true }).click();
    const moreReason = tag("The backfill is slower than planned");
    await dialog.getByLabel("Why more time").fill(moreReason);
    await dialog.getByRole("button", { name: "Request 1h more" }).click();
    await expect(alice.getByText("Asked for 1h more")).toBeVisible();

    // The pending extension and its progress; the grant keeps running.
    const extensions = alice.getByTestId("extensions");
    await expect(extensions.getByTestId("extension")).toContainText("PENDING");
    await expect(extensions.getByTestId("extension-progress")).toHaveText("dba-team 0 of 1, waiting");
    await expect(alice.getByTestId("extension-pending-note")).toContainText("1h more requested; your access keeps running meanwhile.");
    await expect(statusBadge(alice)).toHaveText("APPROVED");
    await saveScreenshot(alice, "i7-alice-extension-pending");

    // Bob sees it in his queue as more time on a running grant, and approves.
    await bob.goto("/reviews");
    const item = queueItem(bob, moreReason);
    await expect(item).toContainText("more time");
    await saveScreenshot(bob, "i7-bob-queue-extension");
    await item.getByRole("button", { name: "Approve" }).click();

    await expect(extensions.getByTestId("extension")).toContainText("APPROVED", { timeout: 2_000 });
    await expect(alice.getByTestId("countdown")).toHaveText(/^expires in 1h (2\d|30)m$/);
    await expect(alice.getByRole("list", { name: "Timeline" })).toContainText("extended the grant by 1h");
    const after = new Date((await requestView(alice, id)).expiresAt!).getTime();
    expect(after - before).toBe(3600_000);
    // The approved extension reads as applied to the grant: live with it, ending with it.
    const detail = (await (await alice.request.get(`/api/v1/access-requests/${id}`)).json()) as { extensions: { id: string }[] };
    extensionId = detail.extensions[0]!.id;
    expect(await (await alice.request.get(`/api/v1/access-requests/${extensionId}`)).json()).toMatchObject({
      status: "APPROVED",
      active: true,
      expiresAt: new Date(after).toISOString(),
      appliedTo: { id, active: true },
    });
    await saveScreenshot(alice, "i7-alice-extended");
  } finally {
    await stopWatching();
  }
  expect(checks.length).toBeGreaterThan(3);
  expect(checks.every(Boolean)).toBe(true);

  // The requester ends it early, with a confirmation; access is gone at once.
  await statusPanel(alice).getByRole("button", { name: "End access now" }).click();
  await alice.getByRole("dialog").getByRole("button", { name: "End access now" }).click();
  await expect(statusPanel(alice)).toContainText("Access released early");
  await expect(statusBadge(alice)).toHaveText("REVOKED");
  expect(((await (await alice.request.get(`/api/v1/connections/${name}/access`)).json()) as { allowed: boolean }).allowed).toBe(false);
  await expect(alice.getByRole("list", { name: "Timeline" })).toContainText("ended their access early");
  // Its extension ended with it.
  expect(await (await alice.request.get(`/api/v1/access-requests/${extensionId}`)).json()).toMatchObject({ active: false, appliedTo: { id, status: "REVOKED", active: false } });
  await alice.goto(`/requests/${extensionId}`);
  await expect(alice.getByTestId("extension-applied")).toContainText("which has ended (revoked)");
});
