import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./request-cursor";

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("request list cursors", () => {
  it("give back what they encode", () => {
    const cursor = { t: "2026-12-04T10:00:00.000Z", id: "req_1" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["a year past 9999", forged({ t: "+010000-01-01T00:00:00.000Z", id: "x" })],
    ["a year before 1", forged({ t: "-000001-01-01T00:00:00.000Z", id: "x" })],
    ["no date", forged({ t: "yesterday", id: "x" })],
    ["an id that is not a string", forged({ t: "2026-12-04T10:00:00.000Z", id: 7 })],
    ["null", forged(null)],
  ])("refuse %s as invalid input", (_, text) => {
    expect(() => decodeCursor(text)).toThrow(expect.objectContaining({ code: "invalid_input", message: "cursor is not one this API returned." }));
  });
});
