import { expect, type Page } from "@playwright/test";

/** Signs in through the demo "Sign in as" picker and waits for the landing page. */
export async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("list", { name: "Demo users" }).getByRole("button", { name: new RegExp(escapeRegExp(email)) }).click();
  await page.waitForURL("**/requests");
  await expect(page.getByRole("banner")).toBeVisible();
}

/** Saves a screenshot for people to look at; e2e/screenshots/ is git-ignored. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true, animations: "disabled" });
}

/** Renders the page in the given colour scheme; the app follows the system theme by default. */
export async function showInColorScheme(page: Page, scheme: "light" | "dark"): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  // next-themes mirrors the resolved theme as a class on <html>.
  await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${scheme}\\b`));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
