import { describe, expect, it } from "vitest";
import { describePolicy, policyPattern, requestPolicyProblems, type RequestPolicy } from "@/lib/access/request-policy";

const open: RequestPolicy = { reasonRequired: false, reasonMinLength: 0, reasonPattern: null, ticketMode: "off", ticketPattern: null };

describe("request policy", () => {
  it("accepts anything on an open connection, but no ticket", () => {
    expect(requestPolicyProblems(open, { reason: "" })).toEqual([]);
    expect(requestPolicyProblems(open, { reason: "x", ticket: "OPS-1" })).toEqual(["This connection does not take a ticket."]);
  });

  it("requires a reason of a minimum length that matches the pattern", () => {
    const strict = { ...open, reasonRequired: true, reasonMinLength: 10, reasonPattern: "[A-Z]+-\\d+" };
    expect(requestPolicyProblems(strict, { reason: "  " })).toEqual(["A reason is required for this connection."]);
    expect(requestPolicyProblems(strict, { reason: "debugging" })).toEqual([
      "The reason must be at least 10 characters.",
      "The reason must match [A-Z]+-\\d+.",
    ]);
    expect(requestPolicyProblems(strict, { reason: "debugging OPS-42 latency" })).toEqual([]);
  });

  it("checks a required ticket against its pattern", () => {
    const tickets = { ...open, ticketMode: "required", ticketPattern: "^[A-Z]+-\\d+$" };
    expect(requestPolicyProblems(tickets, { reason: "" })).toEqual(["A ticket is required for this connection."]);
    expect(requestPolicyProblems(tickets, { reason: "", ticket: "ops 42" })).toEqual(["The ticket must match ^[A-Z]+-\\d+$."]);
    expect(requestPolicyProblems(tickets, { reason: "", ticket: "OPS-42" })).toEqual([]);
    expect(requestPolicyProblems({ ...tickets, ticketMode: "optional" }, { reason: "" })).toEqual([]);
  });

  it("refuses patterns that do not compile", () => {
    expect(policyPattern.safeParse("([a-z]").success).toBe(false);
    expect(policyPattern.safeParse("^[A-Z]+-\\d+$").success).toBe(true);
  });

  it("describes itself in words", () => {
    expect(describePolicy({ ...open, reasonMinLength: 20, ticketMode: "required", ticketPattern: "^INC-\\d+$", pendingTimeoutSeconds: 4 * 3600 })).toEqual([
      "A reason of at least 20 characters is required.",
      "A ticket is required (format ^INC-\\d+$).",
      "Requests not decided within 4h expire.",
    ]);
  });
});
