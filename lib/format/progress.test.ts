import { describe, expect, it } from "vitest";
import { progressSummary } from "@/lib/format/progress";

describe("progressSummary", () => {
  it("reads like the issue's example", () => {
    expect(
      progressSummary([
        { name: "dba-team", minApprovals: 1, satisfied: true, approvals: [{}] },
        { name: "security", minApprovals: 1, satisfied: false, approvals: [] },
      ]),
    ).toBe("dba-team 1 of 1 ✓ · security 0 of 1, waiting");
  });

  it("shows a forced approval as satisfied and never counts past the minimum", () => {
    expect(progressSummary([{ name: "dba-team", minApprovals: 2, satisfied: true, approvals: [{}, {}, {}] }])).toBe("dba-team 2 of 2 ✓");
    expect(progressSummary([{ name: "dba-team", minApprovals: 2, satisfied: true, approvals: [] }])).toBe("dba-team forced ✓");
    expect(progressSummary([])).toBe("No approval needed");
  });
});
