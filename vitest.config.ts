import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
// Tests only: the AES-256-GCM key for provisioner secrets and grant passwords (32 bytes, base64).
const TEST_ENCRYPTION_KEY = "dGltZWJveC1pbnRlZ3JhdGlvbi10ZXN0cy1rZXktMzI=";

/**
 * Three projects:
 * - unit: pure logic, no database.
 * - integration-pglite / integration-postgres: the same tests/integration files against a
 *   fresh, migrated database each run (embedded PGlite in memory, or a new database on a real
 *   PostgreSQL server). tests/integration/global-setup.ts creates it and provides its URL.
 */
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // next-auth imports "next/server" without an extension; Vite resolves it, Node's ESM loader would not.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "cli/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration-pglite",
          environment: "node",
          include: ["tests/integration/**/*.test.ts", "tests/serial/**/*.test.ts"],
          env: { TEST_DB: "pglite", CRON_SECRET: "integration-cron-secret", TIMEBOX_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY },
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          // PGlite serializes transactions across connections: files in parallel would only queue.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration-postgres",
          environment: "node",
          // Race tests need real concurrent transactions, and provisioning tests a real target
          // server (login roles, sessions): only the PostgreSQL server has them.
          include: ["tests/integration/**/*.test.ts", "tests/races/**/*.test.ts", "tests/provisioning/**/*.test.ts", "tests/server/**/*.test.ts"],
          env: { TEST_DB: "postgres", CRON_SECRET: "integration-cron-secret", TIMEBOX_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY },
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Long fuzzing runs against PostgreSQL: `npm run test:chaos`, not `npm test`.
          name: "fuzz-postgres",
          environment: "node",
          include: ["tests/fuzz/**/*.test.ts"],
          env: { TEST_DB: "postgres", CRON_SECRET: "integration-cron-secret", TIMEBOX_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY },
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
