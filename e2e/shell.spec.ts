import { expect, test } from "@playwright/test";
import { saveScreenshot, signInAs, showInColorScheme } from "./helpers";

const DEMO_EMAILS = ["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com", "admin@example.com"];

test.describe("signed out", () => {
  test("the app and its root send visitors to sign-in", async ({ page }) => {
    await page.goto("/requests");
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin$/);
  });

  test("an API path no endpoint serves answers 404 in the API's error shape", async ({ request }) => {
    for (const [method, path] of [
      ["GET", "/api/v1/nothing-here"],
      ["PUT", "/api/v1/users/%2E/slack"],
      ["POST", "/api/v1/access-requests/x/y/z"],
    ] as const) {
      const response = await request.fetch(path, { method, data: method === "GET" ? undefined : {} });
      expect(response.status(), `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: "There is no API endpoint at this path." } });
    }
  });

  test("the sign-in page explains Timebox and offers every demo user", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByText(/Just-in-time access to production/)).toBeVisible();
    const picker = page.getByRole("list", { name: "Demo users" });
    for (const email of DEMO_EMAILS) await expect(picker.getByRole("button", { name: new RegExp(email) })).toBeVisible();
    await expect(picker.getByRole("button", { name: /Ada Admin.*admin/ })).toBeVisible();

    for (const scheme of ["light", "dark"] as const) {
      await showInColorScheme(page, scheme);
      await saveScreenshot(page, `signin-${scheme}`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await showInColorScheme(page, "light");
    await expect(picker.getByRole("button", { name: /alice@example.com.*developers/ })).toBeVisible();
    await saveScreenshot(page, "signin-phone");
  });

  test("sign-in errors and the check-your-email state are shown", async ({ page }) => {
    await page.goto("/signin?error=Verification");
    // Next.js has its own (empty) route-announcer alert, hence the filter.
    const alert = page.getByRole("alert").filter({ hasText: "Could not sign you in" });
    await expect(alert).toContainText("expired or was already used");
    await saveScreenshot(page, "signin-error");
    // Auth.js appends its own query to the verify-request URL.
    await page.goto("/signin?check-email=1?provider=resend&type=email");
    await expect(page.getByText("Check your email")).toBeVisible();
  });

  test("the health check answers JSON", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});

test.describe("signed in", () => {
  test("alice sees her shell without admin navigation", async ({ page }) => {
    await signInAs(page, "alice@example.com");
    await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Requests" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Reviews" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

    const trigger = page.getByRole("button", { name: "Account menu for Alice Developer" });
    await expect(trigger).toContainText("Alice Developer");
    await trigger.click();
    const menu = page.getByRole("menu");
    await expect(menu).toContainText("alice@example.com");
    await expect(menu).toContainText("developers");
    await expect(menu.getByRole("menuitemradio", { name: "Dark" })).toBeVisible();
    await saveScreenshot(page, "shell-user-menu");
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();

    // A signed-in visit to the root lands on the requests page.
    await page.goto("/");
    await expect(page).toHaveURL(/\/requests$/);

    for (const scheme of ["light", "dark"] as const) {
      await showInColorScheme(page, scheme);
      await saveScreenshot(page, `shell-${scheme}`);
    }
  });

  test("the admin sees the Admin link", async ({ page }) => {
    await signInAs(page, "admin@example.com");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
  });

  test("the theme choice in the account menu sticks", async ({ page }) => {
    await signInAs(page, "bob@example.com");
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  });

  test("keyboard users can skip to the content", async ({ page }) => {
    await signInAs(page, "carol@example.com");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });

  test("on a phone the navigation opens as a drawer", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, "dave@example.com");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = page.getByRole("dialog");
    await expect(drawer.getByRole("link", { name: "Reviews" })).toBeVisible();
    await showInColorScheme(page, "light");
    await saveScreenshot(page, "shell-phone-nav");
    // Following a link closes the drawer.
    await drawer.getByRole("link", { name: "Requests" }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  });

  test("signing out returns to sign-in and ends the session", async ({ page }) => {
    await signInAs(page, "alice@example.com");
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto("/requests");
    await expect(page).toHaveURL(/\/signin$/);
  });
});
