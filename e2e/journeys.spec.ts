/**
 * The everyday journeys of issue 4, with the requester, the approver and the admin each in
 * their own browser context at once. Journey 5 (expiry) waits a minute, so it lives in
 * expiry.spec.ts and runs beside these.
 */
import { expect } from "@playwright/test";
import { saveScreenshot, showInColorScheme } from "./helpers";
import { test, queueItem, requestAccess, statusBadge, statusPanel, tag } from "./journey-helpers";

// Decisions made elsewhere must show on an open request page within two seconds.
const LIVE = { timeout: 2_000 };

test("1. admin configures prod-postgres; alice requests 2h, bob approves, alice's page turns to Access ready by itself", async ({ personIn }) => {
  const [admin, alice, bob] = await Promise.all([
    personIn("admin@example.com"),
    personIn("alice@example.com"),
    personIn("bob@example.com"),
  ]);

  await admin.goto("/admin/connections/prod-postgres");
  const dba = admin.getByRole("list", { name: "Approval groups" }).getByRole("checkbox", { name: "dba-team" });
  await dba.check();
  for (const other of ["security", "developers", "contractors", "admin"]) {
    await admin.getByRole("list", { name: "Approval groups" }).getByRole("checkbox", { name: other }).uncheck();
  }
  await admin.getByLabel("Maximum duration").fill("24h");
  await expect(admin.getByTestId("rule-preview")).toHaveText("One member of dba-team must approve.");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText("Saved prod-postgres")).toBeVisible();
  await saveScreenshot(admin, "j1-admin-connection");

  const reason = tag("Debug stuck orders");
  const id = await requestAccess(alice, { connection: "prod-postgres", duration: "2h", reason });
  await expect(statusBadge(alice)).toHaveText("PENDING");
  await expect(statusPanel(alice)).toContainText("Waiting for approval");
  await expect(statusPanel(alice)).toContainText("dba-team 0 of 1, waiting");
  await expect(statusPanel(alice).getByTestId("waiting-on")).toContainText("Bob DBA");
  await saveScreenshot(alice, "j1-alice-pending");

  await bob.goto("/reviews");
  await expect(bob.getByTestId("review-count")).toBeVisible();
  const item = queueItem(bob, reason);
  await expect(item).toContainText("Alice Developer");
  await expect(item).toContainText("prod-postgres");
  await expect(item).toContainText("2h");
  await expect(item).toContainText("dba-team 0 of 1, waiting");
  await saveScreenshot(bob, "j1-bob-queue");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(bob.getByText("Approved: Alice Developer has access to prod-postgres")).toBeVisible();

  // No reload on alice's side: the page polls.
  await expect(statusPanel(alice)).toContainText("Access ready", LIVE);
  await expect(statusBadge(alice)).toHaveText("APPROVED");
  await expect(alice.getByTestId("countdown")).toHaveText(/^expires in (1h 59m|2h)$/);
  await expect(statusPanel(alice)).toContainText(/Until \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} CET/);
  await expect(alice.getByRole("list", { name: "Timeline" })).toContainText("Bob DBA approved for dba-team");
  await saveScreenshot(alice, "j1-alice-access-ready");

  // The grant is on alice's list too, with its countdown, and bob's queue no longer has it.
  await alice.goto("/requests");
  await expect(alice.getByTestId("active-grant").filter({ hasText: "prod-postgres" })).toContainText(/expires in/);
  await expect(queueItem(bob, reason)).toHaveCount(0);
  await bob.getByRole("tab", { name: "Decided by me" }).click();
  await expect(bob.getByTestId("decided-item").filter({ hasText: reason })).toContainText("APPROVED");
  expect(id).toBeTruthy();
});

test("2. billing-db needs dba-team and security: pending with per-group progress after bob, approved after carol", async ({ personIn }) => {
  const [alice, bob, carol] = await Promise.all([
    personIn("alice@example.com"),
    personIn("bob@example.com"),
    personIn("carol@example.com"),
  ]);
  const reason = tag("Reconcile invoices");
  const id = await requestAccess(alice, { connection: "billing-db", duration: "30m", reason });
  await expect(statusPanel(alice)).toContainText("dba-team 0 of 1, waiting · security 0 of 1, waiting");

  await bob.goto(`/requests/${id}`);
  await bob.getByRole("button", { name: "Approve" }).click();
  await bob.getByRole("dialog").getByLabel(/Comment/).fill("Fine from the DBA side");
  await bob.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
  await expect(bob.getByText("Your approval is recorded")).toBeVisible();
  await expect(bob.getByTestId("status-panel")).toContainText("You approved this request");

  await expect(statusPanel(alice)).toContainText("dba-team 1 of 1 ✓ · security 0 of 1, waiting", LIVE);
  await expect(statusBadge(alice)).toHaveText("PENDING");
  await expect(alice.getByTestId("group-dba-team")).toContainText("Bob DBA approved");
  await expect(alice.getByTestId("group-dba-team")).toContainText("Fine from the DBA side");
  await expect(statusPanel(alice).getByTestId("waiting-on")).toContainText("security needs 1 more: Carol Security");
  await saveScreenshot(alice, "j2-alice-partial");

  await carol.goto("/reviews");
  const item = queueItem(carol, reason);
  await expect(item).toContainText("security 0 of 1, waiting");
  await expect(item).not.toContainText("dba-team 0 of 1");
  await saveScreenshot(carol, "j2-carol-queue");
  await item.getByRole("button", { name: "Approve" }).click();
  // The decision is made once carol's approval has answered; from then on alice's page has two seconds.
  await expect(carol.getByText("Approved: Alice Developer has access to billing-db")).toBeVisible();

  await expect(statusPanel(alice)).toContainText("Access ready", LIVE);
  await expect(alice.getByTestId("progress-summary")).toHaveText("dba-team 1 of 1 ✓ · security 1 of 1 ✓");
  await saveScreenshot(alice, "j2-alice-approved");
});

test("3. bob rejects with a reason and the requester sees it", async ({ personIn }) => {
  const [dave, bob] = await Promise.all([personIn("dave@example.com"), personIn("bob@example.com")]);
  const reason = tag("Run the monthly export");
  await requestAccess(dave, { connection: "prod-postgres", duration: "30m", reason });

  await bob.goto("/reviews");
  await queueItem(bob, reason).getByRole("button", { name: "Reject" }).click();
  const dialog = bob.getByRole("dialog");
  await dialog.getByLabel(/Reason/).fill("Use the read replica: replica-postgres has the same data.");
  await saveScreenshot(bob, "j3-bob-reject-dialog");
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(bob.getByText(/Rejected Dave Contractor's request/)).toBeVisible();

  await expect(statusBadge(dave)).toHaveText("REJECTED", LIVE);
  await expect(statusPanel(dave)).toContainText("Rejected by Bob DBA");
  await expect(dave.getByTestId("decision-reason")).toHaveText("Use the read replica: replica-postgres has the same data.");
  await expect(dave.getByRole("link", { name: "Request again" })).toBeVisible();
  await saveScreenshot(dave, "j3-dave-rejected");

  await dave.goto("/requests?status=REJECTED");
  await expect(dave.getByTestId("request-row").filter({ hasText: reason })).toContainText("REJECTED");
});

test("4. an admin revokes an active grant and the requester's page shows REVOKED", async ({ personIn }) => {
  const [alice, admin] = await Promise.all([personIn("alice@example.com"), personIn("admin@example.com")]);
  // staging-k8s needs no approval: the grant is active at once.
  const id = await requestAccess(alice, { connection: "staging-k8s", duration: "8h", reason: tag("Check a staging deploy") });
  await expect(statusPanel(alice)).toContainText("Access ready");
  await expect(alice.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  await admin.goto(`/requests/${id}`);
  await admin.getByRole("button", { name: "Revoke access" }).click();
  const dialog = admin.getByRole("dialog");
  // A reason is required before the dialog lets the admin revoke.
  await expect(dialog.getByRole("button", { name: "Revoke access" })).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill("Deploy finished; closing the window.");
  await dialog.getByRole("button", { name: "Revoke access" }).click();
  await expect(admin.getByText("Revoked Alice Developer's access to staging-k8s")).toBeVisible();

  await expect(statusBadge(alice)).toHaveText("REVOKED", LIVE);
  await expect(statusPanel(alice)).toContainText("Revoked by Ada Admin");
  await expect(alice.getByTestId("decision-reason")).toHaveText("Deploy finished; closing the window.");
  await saveScreenshot(alice, "j4-alice-revoked");

  const access = await alice.request.get("/api/v1/connections/staging-k8s/access");
  expect(await access.json()).toMatchObject({ allowed: false });
});

test("6. non-admins cannot reach admin pages, and a non-member sees no approve button and gets 403 from the API", async ({ personIn }) => {
  const [dave, carol, alice] = await Promise.all([
    personIn("dave@example.com"),
    personIn("carol@example.com"),
    personIn("alice@example.com"),
  ]);
  await expect(dave.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/connections", "/admin/connections/prod-postgres", "/admin/connections/new", "/admin/groups"]) {
    await dave.goto(path);
    await expect(dave.getByTestId("forbidden")).toContainText("403");
    await expect(dave.getByRole("button", { name: /Save|Create/ })).toHaveCount(0);
  }
  await saveScreenshot(dave, "j6-dave-admin-403");
  expect((await dave.request.get("/api/v1/groups")).status()).toBe(403);
  expect((await dave.request.patch("/api/v1/connections/prod-postgres", { data: { maxDuration: "1h" } })).status()).toBe(403);

  // carol (security) asks for prod-postgres, which only dba-team approves.
  const id = await requestAccess(carol, { connection: "prod-postgres", duration: "30m", reason: tag("Audit role grants") });
  await expect(carol.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // alice is in neither the request nor its groups: no page, no buttons, and the API refuses.
  await alice.goto(`/requests/${id}`);
  await expect(alice.getByRole("heading", { name: "Request not found" })).toBeVisible();
  await expect(alice.getByRole("button", { name: /Approve|Reject/ })).toHaveCount(0);
  const approve = await alice.request.post(`/api/v1/access-requests/${id}/approve`, { data: {} });
  expect(approve.status()).toBe(403);
  expect((await approve.json()).error.code).toBe("forbidden");
  const reject = await alice.request.post(`/api/v1/access-requests/${id}/reject`, { data: { reason: "no" } });
  expect(reject.status()).toBe(403);
  await alice.goto("/reviews");
  await expect(alice.getByTestId("review-item")).toHaveCount(0);
  await expect(alice.getByText("Nothing waits for you")).toBeVisible();
  await saveScreenshot(alice, "j6-alice-not-found");
});

test("7. markup in a reason is shown as text everywhere", async ({ personIn }) => {
  const [dave, bob, admin] = await Promise.all([
    personIn("dave@example.com"),
    personIn("bob@example.com"),
    personIn("admin@example.com"),
  ]);
  const payload = "<img src=x onerror=alert(1)>";
  const reason = `${tag("Incident")} ${payload}`;
  const id = await requestAccess(dave, { connection: "billing-db", duration: "30m", reason });
  const pages = [dave, bob, admin];

  await expect(dave.getByTestId("request-reason")).toHaveText(reason);
  await expect(dave.getByRole("list", { name: "Timeline" })).toContainText(payload);

  await dave.goto("/requests");
  await expect(dave.getByTestId("request-row").filter({ hasText: reason })).toBeVisible();

  await dave.goto(`/audit?request=${id}`);
  await expect(dave.getByTestId("audit-quote").first()).toContainText(payload);

  await bob.goto("/reviews");
  await expect(queueItem(bob, reason).getByTestId("review-reason")).toHaveText(`Reason: ${reason}`);
  await saveScreenshot(bob, "j7-bob-queue-markup-as-text");

  await admin.goto(`/requests/${id}`);
  await expect(admin.getByTestId("request-reason")).toHaveText(reason);
  await admin.goto("/audit");
  await expect(admin.getByTestId("audit-quote").filter({ hasText: reason })).toHaveCount(1);

  for (const page of pages) {
    // The text is there; an <img src=x> element never is.
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  }
  await saveScreenshot(admin, "j7-admin-audit-markup-as-text");
});

test("8. on a phone, the queue and the request page are usable", async ({ personIn }) => {
  const [alice, bob] = await Promise.all([personIn("alice@example.com", { phone: true }), personIn("bob@example.com", { phone: true })]);
  const reason = tag("Hotfix verification from my phone");
  const id = await requestAccess(alice, { connection: "prod-postgres", duration: "30m", reason });
  await expect(statusPanel(alice)).toBeInViewport();
  for (const scheme of ["light", "dark"] as const) {
    await showInColorScheme(alice, scheme);
    await saveScreenshot(alice, `j8-phone-request-pending-${scheme}`);
  }

  // The navigation drawer shows the review count; the queue fits the screen.
  await bob.getByRole("button", { name: /Open navigation/ }).click();
  await bob.getByRole("dialog").getByRole("link", { name: /Reviews/ }).click();
  await expect(bob).toHaveURL(/\/reviews$/);
  const item = queueItem(bob, reason);
  await expect(item).toBeVisible();
  const box = await item.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (const scheme of ["light", "dark"] as const) {
    await showInColorScheme(bob, scheme);
    await saveScreenshot(bob, `j8-phone-queue-${scheme}`);
  }
  await item.getByRole("button", { name: "Approve" }).tap();
  await expect(bob.getByText("Approved: Alice Developer has access to prod-postgres")).toBeVisible();

  await expect(statusPanel(alice)).toContainText("Access ready", LIVE);
  expect(await alice.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await saveScreenshot(alice, "j8-phone-access-ready");

  await bob.goto(`/requests/${id}`);
  await expect(bob.getByTestId("status-badge").first()).toHaveText("APPROVED");
  expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
