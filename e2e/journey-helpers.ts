import { readFileSync } from "node:fs";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signInAs } from "./helpers";

type PersonOptions = { phone?: boolean; timezoneId?: string };

/**
 * `personIn(email)`: that user's own browser, signed in. Each is a separate context (cookies,
 * storage), so one test can have the requester, the approver and the admin side by side;
 * all of them close when the test ends.
 */
export const test = base.extend<{ personIn: (email: string, opts?: PersonOptions) => Promise<Page> }>({
  // (The fixture callback is not named `use`, which the React hooks lint rule would mistake for React's.)
  personIn: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (email, opts) => {
      const page = await personIn(browser, email, opts);
      contexts.push(page.context());
      return page;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

/** The same, outside the fixture: the caller closes `page.context()` when done. */
export async function personIn(browser: Browser, email: string, opts: PersonOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    ...(opts.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    timezoneId: opts.timezoneId ?? "Europe/Berlin",
    locale: "en-GB",
  });
  const page = await context.newPage();
  // Any script dialog means markup was executed: fail loudly.
  page.on("dialog", (dialog) => {
    throw new Error(`Unexpected ${dialog.type()} dialog: ${dialog.message()}`);
  });
  await signInAs(page, email);
  return page;
}

/** A marker that makes this run's rows easy to find among everything else in the shared demo database. */
export function tag(label: string): string {
  return `${label} ${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The cron secret of the e2e server: `npm start` makes one beside the embedded database
 * unless CRON_SECRET is set, and the webServer inherits this process's environment.
 */
export function cronSecret(): string {
  if (process.env.CRON_SECRET) return process.env.CRON_SECRET;
  return (JSON.parse(readFileSync(".data/e2e/secrets.json", "utf8")) as { CRON_SECRET: string }).CRON_SECRET;
}

/** Requests access through the form and lands on the new request's page; returns its id. */
export async function requestAccess(page: Page, opts: { connection: string; duration?: string; reason: string }): Promise<string> {
  // Preselected by URL: with many connections the radio may sit outside the list's scroll box.
  await page.goto(`/requests/new?connection=${encodeURIComponent(opts.connection)}`);
  await page.getByRole("radio", { name: opts.connection, exact: true }).check({ force: true });
  if (opts.duration) {
    const preset = page.getByRole("radio", { name: opts.duration, exact: true });
    if (await preset.count()) {
      await preset.check({ force: true });
    } else {
      await page.getByRole("radio", { name: "Custom", exact: true }).check({ force: true });
      await page.getByLabel("Custom duration").fill(opts.duration);
    }
  }
  await page.getByLabel("3. Reason").fill(opts.reason);
  await page.getByRole("button", { name: "Request access" }).click();
  await page.waitForURL(/\/requests\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(opts.connection);
  return page.url().split("/").pop()!;
}

export const statusBadge = (page: Page) => page.getByTestId("status-badge").first();
export const statusPanel = (page: Page) => page.getByTestId("status-panel");

/** A request's card in the review queue, found by its (unique) reason. */
export const queueItem = (page: Page, reason: string) => page.getByTestId("review-item").filter({ hasText: reason });
