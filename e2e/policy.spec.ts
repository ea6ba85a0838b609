/**
 * Issue 7, request policy in the UI: an admin requires a ticket with a format and a longer
 * reason; the request form checks both as the requester types, and a scheduled start shows
 * as SCHEDULED with a countdown once approved. Then Admin → Insights, charts and tables.
 */
import { expect, type APIResponse } from "@playwright/test";
import { saveScreenshot, showInColorScheme } from "./helpers";
import { queueItem, requestAccess, statusBadge, statusPanel, tag, test } from "./journey-helpers";
import { createConnection, suffix } from "./issue7-helpers";

test("ticket and reason rules are checked as the requester types; a scheduled request starts later", async ({ personIn }) => {
  const [admin, alice, bob] = await Promise.all([personIn("admin@example.com"), personIn("alice@example.com"), personIn("bob@example.com")]);
  const name = `pol-${suffix()}`;
  await createConnection(admin, { name, approvalGroups: ["dba-team"], maxDuration: "4h", defaultDuration: "1h" });

  await admin.goto(`/admin/connections/${name}`);
  const safeguards = admin.getByRole("form", { name: `Safeguards of ${name}` });
  await safeguards.getByRole("spinbutton", { name: "Minimum length" }).fill("12");
  await safeguards.getByLabel(/Must match/).fill("(");
  await expect(safeguards.getByText("This pattern is not a valid regular expression.")).toBeVisible();
  await expect(safeguards.getByRole("button", { name: "Save safeguards" })).toBeDisabled();
  await safeguards.getByLabel(/Must match/).fill("");
  await safeguards.getByRole("radio", { name: /Required/ }).check();
  await safeguards.getByRole("button", { name: "JIRA-style key" }).click();
  await expect(safeguards.getByLabel(/Ticket format/)).toHaveValue("^[A-Z][A-Z0-9]+-\\d+$");
  await safeguards.getByLabel("Pending timeout").fill("2h");
  const preview = safeguards.getByTestId("policy-preview");
  await expect(preview).toContainText("A reason of at least 12 characters is required.");
  await expect(preview).toContainText("A ticket is required (format ^[A-Z][A-Z0-9]+-\\d+$).");
  await expect(preview).toContainText("Requests not decided within 2h expire.");
  await safeguards.getByRole("button", { name: "Save safeguards" }).click();
  await expect(admin.getByText(`Saved the safeguards of ${name}`)).toBeVisible();

  await alice.goto(`/requests/new?connection=${name}`);
  await expect(alice.getByTestId("policy-hints")).toContainText("A ticket is required");
  await expect(alice.getByTestId("break-glass-offer")).toHaveCount(0);
  const ticket = alice.getByLabel("Ticket");
  await ticket.fill("ops 42");
  await expect(alice.getByText("The ticket must match ^[A-Z][A-Z0-9]+-\\d+$.")).toBeVisible();
  await ticket.fill("OPS-42");
  await expect(alice.getByText("The ticket must match")).toHaveCount(0);
  await alice.getByLabel("3. Reason").fill("too short");
  await expect(alice.getByText("The reason must be at least 12 characters.")).toBeVisible();
  const reason = tag("Rotate the replication user");
  await alice.getByLabel("3. Reason").fill(reason);
  await expect(alice.getByText("The reason must be at least 12 characters.")).toHaveCount(0);

  await alice.getByRole("radio", { name: "Later" }).check({ force: true });
  const startsAt = alice.getByLabel("Start access at");
  await expect(startsAt).not.toHaveValue("");
  await expect(alice.getByText(/^Starts .* \(in (59m|1h)/)).toBeVisible();
  await saveScreenshot(alice, "i7-alice-form-ticket-schedule");
  await alice.getByRole("button", { name: "Request access" }).click();
  await alice.waitForURL(/\/requests\/(?!new)[^/]+$/);

  await expect(statusBadge(alice)).toHaveText("PENDING");
  await expect(alice.getByTestId("request-ticket")).toHaveText("OPS-42");
  await expect(alice.getByTestId("times-out")).toHaveText(/^Times out in 1h 59m/);

  await bob.goto("/reviews");
  const item = queueItem(bob, reason);
  await expect(item).toContainText("ticket OPS-42");
  await expect(item).toContainText("starts");
  await item.getByRole("button", { name: "Approve" }).click();

  await expect(statusBadge(alice)).toHaveText("SCHEDULED", { timeout: 2_000 });
  await expect(statusPanel(alice)).toContainText("Scheduled");
  await expect(alice.getByTestId("starts-countdown")).toHaveText(/^starts in (59m|1h)/);
  await expect(statusPanel(alice).getByRole("button", { name: "Call off" })).toBeVisible();
  await saveScreenshot(alice, "i7-alice-scheduled");
  // Not live before its start.
  expect(((await (await alice.request.get(`/api/v1/connections/${name}/access`)).json()) as { allowed: boolean }).allowed).toBe(false);
});

test("Admin → Insights shows each chart with a data table, in light and dark, on a laptop and a phone", async ({ personIn }) => {
  const admin = await personIn("admin@example.com");
  await admin.goto("/admin/insights");
  await expect(admin.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
  const perDay = admin.getByTestId("chart-requests-per-day");
  await expect(perDay.getByRole("img", { name: /^Stacked bar chart of requests per day over \d+ days/ })).toBeVisible();
  await expect(perDay.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await perDay.getByRole("button", { name: "Table" }).click();
  await expect(perDay.getByRole("table")).toBeVisible();
  await expect(perDay.getByRole("columnheader", { name: "Timed out" })).toBeVisible();
  await perDay.getByRole("button", { name: "Chart" }).click();
  for (const id of ["chart-time-to-decision", "chart-active-grants", "chart-top-requesters", "chart-top-connections"]) {
    await expect(admin.getByTestId(id)).toBeVisible();
  }
  await expect(admin.getByTestId("insights-emergencies")).toBeVisible();
  await admin.getByRole("link", { name: "7 days" }).click();
  await expect(admin).toHaveURL(/days=7/);
  await saveScreenshot(admin, "i7-admin-insights-light");
  await showInColorScheme(admin, "dark");
  await saveScreenshot(admin, "i7-admin-insights-dark");

  const phone = await personIn("admin@example.com", { phone: true });
  await phone.goto("/admin/insights");
  await expect(phone.getByTestId("chart-requests-per-day").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await saveScreenshot(phone, "i7-admin-insights-phone");

  // Admin pages check on the server, by URL too.
  const alice = await personIn("alice@example.com");
  await alice.goto("/admin/insights");
  await expect(alice.getByTestId("forbidden")).toBeVisible();
  await alice.goto("/admin/audit");
  await expect(alice.getByTestId("forbidden")).toBeVisible();
  expect((await alice.request.get("/api/v1/insights")).status()).toBe(403);
  expect((await alice.request.get("/api/v1/audit/verify")).status()).toBe(403);
});

test("separation of duties: an approver in both required groups chooses the one their approval counts for", async ({ personIn }) => {
  const admin = await personIn("admin@example.com");
  const id = suffix();
  const [first, second, name, email] = [`sod-a-${id}`, `sod-b-${id}`, `sod-${id}`, `eve-${id}@example.com`];
  const ok = async (response: Promise<APIResponse>) => expect((await response).ok()).toBe(true);
  await ok(admin.request.post("/api/v1/groups", { data: { name: first } }));
  await ok(admin.request.post("/api/v1/groups", { data: { name: second } }));
  await ok(admin.request.post("/api/v1/users", { data: { email, name: `Eve ${id}` } }));
  await ok(admin.request.post(`/api/v1/groups/${first}/members`, { data: { email } }));
  await ok(admin.request.post(`/api/v1/groups/${second}/members`, { data: { email } }));
  await createConnection(admin, { name, approvalGroups: [first, second], distinctApprovers: true });

  const alice = await personIn("alice@example.com");
  const reason = tag("Two distinct approvers please");
  await requestAccess(alice, { connection: name, reason });

  const eve = await personIn(email);
  await eve.goto("/reviews");
  const item = queueItem(eve, reason);
  await item.getByRole("button", { name: "Approve…" }).click();
  const dialog = eve.getByRole("dialog");
  await expect(dialog).toContainText("distinct approvers");
  await expect(dialog.getByRole("button", { name: "Choose a group" })).toBeDisabled();
  await dialog.getByRole("radio", { name: second }).check();
  await saveScreenshot(eve, "i7-eve-approve-for-group");
  await dialog.getByRole("button", { name: `Approve for ${second}` }).click();
  await expect(eve.getByText(`Your approval counts for ${second}`)).toBeVisible();

  // One person satisfied one group only: the other still waits for someone else.
  await expect(statusPanel(alice)).toContainText(`${first} 0 of 1, waiting`, { timeout: 2_000 });
  await expect(statusPanel(alice)).toContainText(`${second} 1 of 1 ✓`);
  await expect(statusBadge(alice)).toHaveText("PENDING");
});
