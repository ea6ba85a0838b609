/**
 * The admin and settings pages: connections with their rule in words and validated saves,
 * groups and users one member at a time, API tokens, and the audit log's filters. Each test
 * makes its own connection, group or user, so the journeys running beside it are untouched.
 */
import { expect } from "@playwright/test";
import { saveScreenshot, showInColorScheme } from "./helpers";
import { test } from "./journey-helpers";

const suffix = () => Math.random().toString(36).slice(2, 7);

test("an admin creates and edits a connection; a default above the maximum is refused; changes show before and after", async ({ personIn }) => {
  const admin = await personIn("admin@example.com");
  const name = `e2e-db-${suffix()}`;

  await admin.goto("/admin/connections");
  await admin.getByRole("link", { name: "New connection" }).click();
  await admin.getByLabel("Name").fill(name);
  await admin.getByLabel("Type").fill("mysql");
  await admin.getByLabel(/Description/).fill("Scratch database for the admin e2e test");
  const groups = admin.getByRole("list", { name: "Approval groups" });
  await groups.getByRole("checkbox", { name: "security" }).check();
  await admin.getByRole("button", { name: "More approvals from security" }).click();
  await groups.getByRole("checkbox", { name: "dba-team" }).check();
  await expect(admin.getByTestId("rule-preview")).toHaveText("Each group must approve: one member of dba-team and 2 members of security.");

  // Durations are checked as they are typed, with the server's parser.
  await admin.getByLabel("Maximum duration").fill("2x");
  await expect(admin.getByText(/"2x" is not a duration/)).toBeVisible();
  await expect(admin.getByRole("button", { name: "Create connection" })).toBeDisabled();
  await admin.getByLabel("Maximum duration").fill("4h");
  await admin.getByLabel("Default duration").fill("1h");
  await saveScreenshot(admin, "admin-connection-new");
  await admin.getByRole("button", { name: "Create connection" }).click();

  await expect(admin).toHaveURL(/\/admin\/connections$/);
  const card = admin.getByTestId("connection-card").filter({ hasText: name });
  await expect(card).toContainText("Each group must approve: one member of dba-team and 2 members of security.");
  await expect(card).toContainText("max 4h · default 1h");

  await card.getByRole("link", { name: `Edit ${name}` }).click();
  await admin.getByLabel("Default duration").fill("6h");
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("The default duration (6h) cannot be above the maximum (4h).");
  await saveScreenshot(admin, "admin-connection-refused");

  await admin.getByLabel("Default duration").fill("2h");
  await admin.getByRole("list", { name: "Approval groups" }).getByRole("checkbox", { name: "dba-team" }).uncheck();
  await admin.getByLabel(/Auto-approve admins/).uncheck();
  await admin.getByRole("button", { name: "Save changes" }).click();
  await expect(admin.getByText(`Saved ${name}`)).toBeVisible();
  const history = admin.getByRole("heading", { name: "Change history" }).locator("xpath=ancestor::*[@data-slot='card'][1]");
  await expect(history).toContainText("Approval groups: dba-team, security ×2 → security ×2");
  await expect(history).toContainText("Default duration: 1h → 2h");
  await expect(history).toContainText("Auto-approve admins: on → off");
  for (const scheme of ["light", "dark"] as const) {
    await showInColorScheme(admin, scheme);
    await saveScreenshot(admin, `admin-connection-edit-${scheme}`);
  }

  // The new connection is offered to requesters with its rule and maximum.
  await admin.goto(`/requests/new?connection=${name}`);
  await expect(admin.getByRole("radio", { name, exact: true })).toBeChecked();
  await expect(admin.getByRole("radio", { name: /^8h/ })).toBeDisabled();
  await expect(admin.getByRole("radio", { name: "2h", exact: true })).toBeChecked();
  await expect(admin.getByText("2 members of security must approve.")).toBeVisible();
});

test("an admin creates a group, adds and removes a member, adds a user and makes them admin", async ({ personIn }) => {
  const admin = await personIn("admin@example.com");
  const group = `e2e-team-${suffix()}`;
  const email = `erin-${suffix()}@example.com`;

  await admin.goto("/admin/groups");
  await admin.getByLabel("Name").fill(group);
  await admin.getByLabel(/Description/).fill("On-call engineers");
  await admin.getByRole("button", { name: "Create group" }).click();
  const card = admin.getByTestId(`group-card-${group}`);
  await expect(card).toContainText("0 members");

  await card.getByLabel(`Add a member to ${group}`).fill("alice@example.com");
  await card.getByRole("button", { name: "Add" }).click();
  await expect(card.getByRole("list", { name: `Members of ${group}` })).toContainText("Alice Developer");
  await expect(card).toContainText("1 member");
  await saveScreenshot(admin, "admin-groups");

  await card.getByRole("button", { name: `Remove alice@example.com from ${group}` }).click();
  await expect(card).toContainText("0 members");

  await card.getByLabel(`Add a member to ${group}`).fill("nobody@nowhere.example");
  await card.getByRole("button", { name: "Add" }).click();
  await expect(admin.getByText(/Unknown user "nobody@nowhere.example"/)).toBeVisible();

  await admin.getByRole("tab", { name: /Users/ }).click();
  await expect(admin).toHaveURL(/tab=users/);
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Name").fill("Erin Engineer");
  await admin.getByRole("button", { name: "Add user" }).click();
  await admin.getByLabel("Filter users").fill(email);
  const row = admin.getByTestId("user-row").filter({ hasText: email });
  await expect(row).toContainText("No groups");
  await row.getByRole("button", { name: `Make ${email} an admin` }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Make admin" }).click();
  await expect(row.getByRole("button", { name: `Remove admin rights from ${email}` })).toBeVisible();
  await expect(row).toContainText("admin");
  await saveScreenshot(admin, "admin-users");

  // Every change above is in the audit log, with who did it.
  await admin.goto(`/audit?action=group.member_added`);
  await expect(admin.getByTestId("audit-row").filter({ hasText: `added ${email} to admin` })).toContainText("admin@example.com");
});

test("a user creates an API token that is shown once, uses it, and revokes it", async ({ personIn }) => {
  const bob = await personIn("bob@example.com");
  await bob.goto("/settings/tokens");
  await bob.getByLabel("Name").fill("laptop CLI");
  await bob.getByRole("button", { name: "Create token" }).click();
  const value = bob.getByTestId("new-token-value");
  await expect(value).toHaveValue(/^tbx_/);
  const token = await value.inputValue();
  await saveScreenshot(bob, "settings-token-created");

  const me = await bob.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: "bob@example.com" });

  // Shown once: after a reload only the prefix is left.
  await bob.reload();
  await expect(bob.getByTestId("new-token-value")).toHaveCount(0);
  const row = bob.getByTestId("token-row").filter({ hasText: "laptop CLI" }).first();
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: "Revoke token laptop CLI" }).click();
  await bob.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  expect((await bob.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("the audit log filters and pages; non-admins see only their own requests' events", async ({ personIn }) => {
  const [admin, dave] = await Promise.all([personIn("admin@example.com"), personIn("dave@example.com")]);
  await admin.goto("/audit");
  await admin.getByLabel("Action").selectOption("demo.seeded");
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/action=demo\.seeded/);
  await expect(admin.getByTestId("audit-row")).toHaveCount(1);
  await expect(admin.getByTestId("audit-row")).toContainText("Demo data seeded");

  await admin.goto("/audit?actor=nobody%40nowhere.example");
  await expect(admin.getByText("No events match these filters")).toBeVisible();
  await admin.getByRole("link", { name: "Clear filters" }).click();
  await expect(admin).toHaveURL(/\/audit$/);
  await expect(admin.getByTestId("audit-row").first()).toBeVisible();
  await saveScreenshot(admin, "audit-admin");

  // Keyset pages through the API: no overlap between pages.
  const first = await (await admin.request.get("/api/v1/audit?limit=2")).json();
  const second = await (await admin.request.get(`/api/v1/audit?limit=2&cursor=${first.nextCursor}`)).json();
  expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[1].id));

  await dave.goto("/audit");
  await expect(dave.getByLabel("Actor", { exact: true })).toBeVisible();
  const events = await (await dave.request.get("/api/v1/audit?limit=100")).json();
  for (const e of events.items as { requestId: string | null; ip?: string }[]) {
    expect(e.requestId).not.toBeNull();
    expect(e).not.toHaveProperty("ip");
  }
  await expect(dave.getByTestId("audit-row").filter({ hasText: "Demo data seeded" })).toHaveCount(0);
  await saveScreenshot(dave, "audit-requester");
});
