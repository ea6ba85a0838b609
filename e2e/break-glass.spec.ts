/**
 * Issue 7, break-glass: an admin names a break-glass group in the connection's safeguards;
 * a member opens an emergency grant at once through the separate break-glass page; it is
 * marked EMERGENCY; an approver acknowledges it with a note and it leaves the review tab.
 */
import { expect } from "@playwright/test";
import { saveScreenshot, showInColorScheme } from "./helpers";
import { statusBadge, statusPanel, tag, test } from "./journey-helpers";
import { createConnection, emergencyBadge, requestIdOf, suffix } from "./issue7-helpers";

test("break glass: a member gets EMERGENCY access at once; an approver acknowledges it with a note and it leaves the review tab", async ({ personIn }) => {
  const [admin, alice, bob, dave] = await Promise.all([
    personIn("admin@example.com"),
    personIn("alice@example.com"),
    personIn("bob@example.com"),
    personIn("dave@example.com"),
  ]);
  const name = `bg-${suffix()}`;
  await createConnection(admin, { name, approvalGroups: ["dba-team"], maxDuration: "8h", defaultDuration: "1h" });

  // The admin configures break-glass in the connection's safeguards, explained in words.
  await admin.goto(`/admin/connections/${name}`);
  const safeguards = admin.getByRole("form", { name: `Safeguards of ${name}` });
  await safeguards.getByRole("list", { name: "Break-glass groups" }).getByRole("checkbox", { name: "developers" }).check();
  await safeguards.getByLabel("Break-glass maximum").fill("45x");
  await expect(safeguards.getByText(/"45x" is not a duration/)).toBeVisible();
  await expect(safeguards.getByRole("button", { name: "Save safeguards" })).toBeDisabled();
  await safeguards.getByLabel("Break-glass maximum").fill("45m");
  await expect(safeguards.getByTestId("policy-preview")).toContainText("Members of developers may break glass: access at once for up to 45m");
  await expect(safeguards.getByTestId("policy-unsaved")).toBeVisible();
  await safeguards.getByRole("button", { name: "Save safeguards" }).click();
  await expect(admin.getByText(`Saved the safeguards of ${name}`)).toBeVisible();
  await expect(safeguards.getByTestId("policy-unsaved")).toHaveCount(0);
  // Audited with before and after values.
  await expect(admin.getByText("Break-glass groups:")).toBeVisible();
  await saveScreenshot(admin, "i7-admin-safeguards");

  // Only members of a break-glass group are offered the way out, and the page refuses others.
  await dave.goto("/requests/break-glass");
  await expect(dave.getByText("You cannot break glass on any connection")).toBeVisible();
  const refused = await dave.request.post("/api/v1/access-requests", { data: { connection: name, emergency: true, reason: "let me in" } });
  expect(refused.status()).toBe(403);

  await alice.goto(`/requests/new?connection=${name}`);
  await expect(alice.getByTestId("break-glass-offer")).toContainText("up to 45m");
  await alice.getByRole("link", { name: "Break glass…" }).click();
  await expect(alice).toHaveURL(/\/requests\/break-glass\?connection=/);
  await expect(alice.getByRole("radio", { name, exact: true })).toBeChecked();

  // Deliberate: nothing opens without a reason and the confirmation.
  const submit = alice.getByRole("button", { name: `Break glass on ${name}` });
  await submit.click();
  await expect(alice.getByText("A break-glass grant needs a reason")).toBeVisible();
  await expect(alice.getByRole("button", { name: "1h", exact: true })).toBeDisabled();
  const reason = tag("Primary is down, failing over");
  await alice.getByLabel("3. What is the emergency?").fill(reason);
  await alice.getByRole("button", { name: "30m", exact: true }).click();
  await expect(alice.getByText("Confirm that this is an emergency.")).toBeVisible();
  await alice.getByRole("checkbox", { name: /This is an emergency/ }).check();
  await saveScreenshot(alice, "i7-alice-break-glass-form");
  await submit.click();

  await alice.waitForURL(/\/requests\/(?!new|break-glass)[^/?]+$/);
  const id = requestIdOf(alice);
  await expect(emergencyBadge(alice)).toHaveText("EMERGENCY");
  await expect(statusBadge(alice)).toHaveText("APPROVED");
  await expect(statusPanel(alice)).toContainText("Access ready");
  await expect(statusPanel(alice)).toContainText("Opened by breaking glass, without approval");
  await expect(alice.getByTestId("post-incident-review")).toContainText("Awaiting post-incident review");
  await expect(alice.getByTestId("post-incident-review").getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(alice.getByRole("list", { name: "Timeline" })).toContainText("broke the glass");
  await saveScreenshot(alice, "i7-alice-emergency-grant");

  // It is marked on her list too.
  await alice.goto("/requests");
  await expect(alice.getByTestId("active-grant").filter({ hasText: name })).toContainText("EMERGENCY");

  // Bob approves for dba-team: the banner and the review tab keep it in view until someone acknowledges it.
  await bob.goto("/reviews");
  await expect(bob.getByTestId("emergency-review-banner")).toBeVisible();
  await bob.getByTestId("emergency-review-banner").getByRole("link", { name: "Review now" }).click();
  await expect(bob.getByRole("tab", { name: /Post-incident review/ })).toHaveAttribute("aria-selected", "true");
  const item = bob.getByTestId("emergency-review-item").filter({ hasText: reason });
  await expect(item).toContainText("EMERGENCY");
  await expect(item).toContainText("Alice Developer");
  await saveScreenshot(bob, "i7-bob-post-incident-tab");
  await item.getByRole("link", { name: /Review/ }).click();
  await expect(bob).toHaveURL(new RegExp(`/requests/${id}$`));

  await bob.getByTestId("post-incident-review").getByRole("button", { name: "Acknowledge" }).click();
  const dialog = bob.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Acknowledge" })).toBeDisabled();
  await dialog.getByLabel("Review note").fill("Justified: failover during the outage; runbook to be updated.");
  await saveScreenshot(bob, "i7-bob-acknowledge-dialog");
  await dialog.getByRole("button", { name: "Acknowledge" }).click();
  await expect(bob.getByText("Break-glass grant acknowledged")).toBeVisible();
  await expect(bob.getByTestId("post-incident-review")).toContainText("Post-incident review done");
  await expect(bob.getByTestId("review-note")).toHaveText("Justified: failover during the outage; runbook to be updated.");

  await bob.goto("/reviews?tab=emergency");
  await expect(bob.getByTestId("emergency-review-item").filter({ hasText: reason })).toHaveCount(0);

  // The requester sees the review on her page.
  await alice.goto(`/requests/${id}`);
  await expect(alice.getByTestId("post-incident-review")).toContainText("Acknowledged by Bob DBA");
  await showInColorScheme(alice, "dark");
  await saveScreenshot(alice, "i7-alice-emergency-reviewed-dark");
});
