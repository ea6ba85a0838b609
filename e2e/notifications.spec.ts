/**
 * Notifications in demo mode: with no email provider, email lands in the dev outbox.
 * Alice requests, Bob opens the approval email there, clicks Approve, confirms, and
 * Alice's request page shows the access as ready. The same link then refuses a reuse.
 */
import { expect, test } from "@playwright/test";
import { personIn, tag } from "./journey-helpers";

test("approve by email from the dev outbox", async ({ browser }) => {
  const admin = await personIn(browser, "admin@example.com");
  // A connection of this test's own, approved by dba-team (Bob), so other tests' requests never collide.
  const connection = tag("mail-db").replace(" ", "-");
  expect((await admin.request.post("/api/v1/connections", { data: { name: connection, type: "postgres", approvalGroups: ["dba-team"] } })).status()).toBe(201);

  const alice = await personIn(browser, "alice@example.com");
  const created = await alice.request.post("/api/v1/access-requests", { data: { connection, duration: "1h", reason: "e2e: approve by email" } });
  expect(created.status()).toBe(201);
  const requestId = (await created.json()).id as string;

  const bob = await personIn(browser, "bob@example.com");
  const subject = new RegExp(`Approve\\? Alice Developer requests ${connection} for 1h`);
  // The in-process worker delivers within a couple of seconds.
  await expect(async () => {
    await bob.goto("/dev/outbox?to=bob@example.com");
    await expect(bob.getByRole("link", { name: subject })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await bob.getByRole("link", { name: subject }).click();
  await expect(bob.getByRole("heading", { name: subject })).toBeVisible();
  await expect(bob.frameLocator("iframe[title='Email (HTML)']").getByRole("link", { name: "Approve" })).toBeVisible();

  await bob.getByRole("navigation", { name: "Links in this email" }).getByRole("link", { name: "Approve", exact: true }).click();
  await expect(bob.getByText("Nothing happens until you confirm.")).toBeVisible();
  const linkUrl = bob.url();
  expect((await alice.request.get(`/api/v1/access-requests/${requestId}`).then((r) => r.json())).status).toBe("PENDING");
  await bob.getByRole("button", { name: "Confirm approval" }).click();
  await expect(bob.getByText("The request is approved; access lasts until")).toBeVisible();

  await alice.goto(`/requests/${requestId}`);
  await expect(alice.getByText("Access ready")).toBeVisible();

  // The link worked once.
  await bob.goto(linkUrl);
  await expect(bob.getByTestId("email-action-refused")).toContainText("already used");

  // Alice hears about it in her own inbox.
  await expect(async () => {
    await alice.goto("/dev/outbox?to=alice@example.com");
    await expect(alice.getByRole("link", { name: new RegExp(`Access ready: ${connection}`) })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});
