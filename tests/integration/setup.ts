/**
 * Runs in each test worker before the test file is imported: points lib/env.ts at this
 * run's database. It must come first because env() caches on its first call.
 */
import { afterAll, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// A small pool per file: PGlite serves at most 50 connections across all workers.
process.env.DATABASE_POOL_SIZE ??= "4";
// Route handlers call auth() for session callers; without a secret Auth.js logs MissingSecret on every call.
process.env.AUTH_SECRET ??= "integration-tests-only-secret-0123456789abcdef";

afterAll(async () => {
  // Close this file's Prisma pool (if it opened one) so the database can be dropped cleanly.
  const holder = globalThis as unknown as { timeboxPrisma?: { $disconnect: () => Promise<void> } };
  await holder.timeboxPrisma?.$disconnect();
});
