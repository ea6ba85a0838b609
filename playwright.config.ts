import { defineConfig, devices } from "@playwright/test";
import { E2E_DB_PORT } from "./e2e/database";

const PORT = 3100;
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Each run starts from an empty embedded database, so the demo seed is the only data.
const DATA_DIR = ".data/e2e";

/** Debian's Chromium (Playwright's own download is unreachable); the flags keep it off the closed network. */
const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromium } }],
  webServer: {
    // `env -u DATABASE_URL`: always the embedded database, even when the caller has one configured.
    command: `rm -rf ${DATA_DIR} && env -u DATABASE_URL npm start`,
    env: {
      PORT: String(PORT),
      TIMEBOX_DATA_DIR: DATA_DIR,
      // Fixed so that a spec can reach the app's database directly (e2e/database.ts).
      TIMEBOX_EMBEDDED_DB_PORT: String(E2E_DB_PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      // Journeys open many requests as the same demo users within a minute.
      TIMEBOX_REQUESTS_PER_MINUTE: "500",
    },
    url: `${BASE_URL}/api/health`,
    // The first start may run `next build` (about two minutes on two cores).
    timeout: 300_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
