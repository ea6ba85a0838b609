import { expect, it } from "vitest";
import { retryDelayMs } from "@/lib/outbox/backoff";

it("doubles the wait after each failure, up to 30 minutes", () => {
  expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
  expect(retryDelayMs(50)).toBe(30 * 60_000);
});
