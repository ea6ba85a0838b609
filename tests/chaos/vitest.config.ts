import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * `npm run test:chaos` (not part of `npm test`): real `next start` servers on 127.0.0.1
 * against a real PostgreSQL, killed, restarted, flooded and fuzzed. One file at a time:
 * each starts its own servers, and the machine has two cores.
 */
export default defineConfig({
  root,
  resolve: { alias: { "@": root } },
  test: {
    name: "chaos",
    environment: "node",
    include: ["tests/chaos/**/*.test.ts"],
    globalSetup: ["tests/chaos/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
