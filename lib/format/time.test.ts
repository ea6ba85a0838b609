import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { expiresIn, formatDateTime, formatSpan, timeAgo, waitingFor } from "@/lib/format/time";

const now = new Date("2026-12-04T20:00:00Z");
const plus = (ms: number) => new Date(now.getTime() + ms);
const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe("formatSpan", () => {
  it.each([
    [0, "0s"],
    [42 * s, "42s"],
    [4 * m + 12 * s, "4m 12s"],
    [30 * m, "30m"],
    [2 * h - 1 * m, "1h 59m"],
    [2 * h, "2h"],
    [26 * h, "1d 2h"],
    [48 * h, "2d"],
    [-5 * s, "0s"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });

  it("never shows more than two units and never goes negative (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e11 }), (ms) => {
        const text = formatSpan(ms);
        expect(text).toMatch(/^\d+[dhms]( \d+[hms])?$/);
      }),
    );
  });
});

describe("countdowns and ages", () => {
  it("counts down to expiry, then says expired", () => {
    expect(expiresIn(plus(2 * h - 30 * s), now)).toBe("expires in 1h 59m");
    expect(expiresIn(plus(59 * s), now)).toBe("expires in 59s");
    expect(expiresIn(now, now)).toBe("expired");
  });

  it("says how long ago in coarse steps", () => {
    expect(timeAgo(plus(-10 * s), now)).toBe("just now");
    expect(timeAgo(plus(-5 * m), now)).toBe("5 min ago");
    expect(timeAgo(plus(-3 * h - 5 * m), now)).toBe("3 h ago");
    expect(timeAgo(plus(-30 * h), now)).toBe("yesterday");
    expect(timeAgo(plus(-80 * h), now)).toBe("3 days ago");
  });

  it("says how long a request has waited", () => {
    expect(waitingFor(plus(-(3 * h + 12 * m)), now)).toBe("3h 12m");
  });
});

describe("formatDateTime", () => {
  it("names the time zone it shows", () => {
    expect(formatDateTime("2026-12-04T21:14:05Z", { timeZone: "Europe/Berlin", seconds: true })).toBe("Fri, 4 Dec 2026, 22:14:05 CET");
    expect(formatDateTime("2026-12-04T21:14:05Z", { timeZone: "UTC" })).toBe("Fri, 4 Dec 2026, 21:14 UTC");
  });
});
