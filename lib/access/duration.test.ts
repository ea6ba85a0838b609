import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatDuration, parseDuration } from "@/lib/access/duration";

const seconds = (text: unknown) => {
  const r = parseDuration(text);
  return r.ok ? r.seconds : r.message;
};

describe("parseDuration", () => {
  it.each([
    ["30m", 1800],
    ["2h", 7200],
    ["1h30m", 5400],
    ["90m", 5400],
    ["24h", 86400],
    ["1m", 60],
    [" 2H ", 7200],
  ])("accepts %s", (text, expected) => {
    expect(seconds(text)).toBe(expected);
  });

  it.each(["0m", "-1h", "-5h", "2x", "1e9h", "", "  ", "h", "m", "1.5h", "30s", "1d", "2h 30m", "30m2h", "00000m"])(
    "refuses %j with a message showing the accepted form or the minimum",
    (text) => {
      const r = parseDuration(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/30m|at least 1 minute/);
    },
  );

  it.each([120, null, undefined, {}, ["2h"]])("refuses a non-string %j", (value) => {
    const r = parseDuration(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("must be a string");
  });

  it("refuses absurdly long durations instead of overflowing", () => {
    expect(seconds("9999h")).toMatch(/366 days/);
  });

  it("round-trips every canonical duration (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 366 * 24 * 60 }), (minutes) => {
        const text = formatDuration(minutes * 60);
        expect(seconds(text)).toBe(minutes * 60);
      }),
    );
  });

  it("agrees with h/m arithmetic for any hours and minutes (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 600 }), (h, m) => {
        const total = h * 3600 + m * 60;
        const result = parseDuration(`${h}h${m}m`);
        expect(result.ok).toBe(total >= 60);
        if (result.ok) expect(result.seconds).toBe(total);
      }),
    );
  });

  it("never throws on arbitrary input (property)", () => {
    fc.assert(fc.property(fc.anything(), (value) => typeof parseDuration(value).ok === "boolean"));
  });
});

describe("formatDuration", () => {
  it.each([
    [60, "1m"],
    [1800, "30m"],
    [3600, "1h"],
    [5400, "1h30m"],
    [86400, "24h"],
  ])("formats %i seconds as %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
