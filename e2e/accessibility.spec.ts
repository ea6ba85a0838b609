/**
 * Keyboard use and visible focus on the everyday paths: requesting access without a mouse,
 * and deciding in a dialog that Escape closes, with focus returning where it was.
 */
import { expect, type Page } from "@playwright/test";
import { saveScreenshot } from "./helpers";
import { queueItem, requestAccess, statusPanel, tag, test } from "./journey-helpers";

/** Presses Tab until `target` has focus (at most `max` times); fails if it never does. */
async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, max = 25) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** A connection of this test's own, so its requests never meet another spec's pending ones. */
async function scratchConnection(admin: Page, approvalGroups: string[]): Promise<string> {
  const name = `a11y-${Math.random().toString(36).slice(2, 8)}`;
  const res = await admin.request.post("/api/v1/connections", { data: { name, type: "postgres", approvalGroups, maxDuration: "8h", defaultDuration: "8h" } });
  expect(res.status(), await res.text()).toBe(201);
  return name;
}

/** A keyboard-focused control shows a ring (box-shadow) or an outline. */
async function expectVisibleFocus(page: Page) {
  const style = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    // Radios and checkboxes are visually hidden; their label carries the ring.
    const shown = el.matches("input[type=radio], input[type=checkbox]") && el.closest("label") ? el.closest("label")! : el;
    const s = getComputedStyle(shown);
    return { shadow: s.boxShadow, outline: s.outlineStyle };
  });
  expect(style.shadow !== "none" || style.outline !== "none", JSON.stringify(style)).toBe(true);
}

test("a requester asks for access with the keyboard alone, seeing where focus is", async ({ personIn }) => {
  const [dave, admin] = await Promise.all([personIn("dave@example.com"), personIn("admin@example.com")]);
  const name = await scratchConnection(admin, []);
  await dave.goto("/requests/new");

  const search = dave.getByRole("searchbox", { name: "Search connections" });
  await tabTo(dave, search);
  await dave.keyboard.type(name);
  await expect(dave.getByRole("status").filter({ hasText: "connections shown" })).toHaveText(/^1 of \d+ connections shown$/);

  const connection = dave.getByRole("radio", { name, exact: true });
  await tabTo(dave, connection);
  await expectVisibleFocus(dave);
  await dave.keyboard.press("Space");
  await expect(connection).toBeChecked();

  // Arrow keys move within the duration choices; presets above the maximum are skipped.
  const checkedDuration = dave.getByRole("radiogroup", { name: "Duration" }).getByRole("radio", { checked: true });
  await tabTo(dave, checkedDuration);
  await expectVisibleFocus(dave);
  await dave.keyboard.press("ArrowLeft");
  await expect(dave.getByRole("radio", { name: "2h", exact: true })).toBeChecked();

  const reason = dave.getByLabel("3. Reason");
  await tabTo(dave, reason);
  await dave.keyboard.type(tag("Keyboard only"));
  const submit = dave.getByRole("button", { name: "Request access" });
  await tabTo(dave, submit);
  await expectVisibleFocus(dave);
  await saveScreenshot(dave, "a11y-keyboard-request");
  await dave.keyboard.press("Enter");

  await dave.waitForURL(/\/requests\/(?!new)[^/]+$/);
  await expect(statusPanel(dave)).toContainText("Access ready");
  // The status is carried by words, not only by colour.
  await expect(dave.getByTestId("status-badge").first()).toHaveText("APPROVED");
});

test("decision dialogs open from the keyboard, close on Escape and give focus back", async ({ personIn }) => {
  const [alice, bob, admin] = await Promise.all([personIn("alice@example.com"), personIn("bob@example.com"), personIn("admin@example.com")]);
  const connection = await scratchConnection(admin, ["dba-team", "security"]);
  const reason = tag("Dialog keyboard check");
  await requestAccess(alice, { connection, duration: "30m", reason });

  await bob.goto("/reviews");
  const reject = queueItem(bob, reason).getByRole("button", { name: "Reject" });
  await tabTo(bob, reject, 60);
  await expectVisibleFocus(bob);
  await bob.keyboard.press("Enter");
  const dialog = bob.getByRole("dialog");
  await expect(dialog.getByLabel(/Reason/)).toBeFocused();
  await bob.keyboard.type("Changed my mind");
  await bob.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(reject).toBeFocused();
  // Nothing was decided.
  await expect(statusPanel(alice)).toContainText("Waiting for approval");

  // Approve from the keyboard: Enter on the focused button.
  const approve = queueItem(bob, reason).getByRole("button", { name: "Approve" });
  await approve.focus();
  await bob.keyboard.press("Enter");
  await expect(bob.getByText("Your approval is recorded")).toBeVisible();
  await expect(statusPanel(alice)).toContainText("dba-team 1 of 1 ✓ · security 0 of 1, waiting", { timeout: 2_000 });
});
