import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { groupProgress, isFullyApproved, type ApprovalRecord } from "@/lib/access/approval-progress";

const dba = { groupId: "g-dba", groupName: "dba-team", minApprovals: 2 };
const sec = { groupId: "g-sec", groupName: "security", minApprovals: 1 };
const approval = (userId: string, ...groups: string[]): ApprovalRecord => ({ userId, countedGroups: groups, forced: false });

describe("approval arithmetic", () => {
  it("needs every group at its minimum of distinct approvers", () => {
    expect(isFullyApproved([dba, sec], [approval("bob", "g-dba"), approval("carol", "g-sec")])).toBe(false);
    expect(isFullyApproved([dba, sec], [approval("bob", "g-dba"), approval("erin", "g-dba"), approval("carol", "g-sec")])).toBe(true);
  });

  it("counts one approver toward every group they are in", () => {
    const progress = groupProgress([{ ...dba, minApprovals: 1 }, sec], [approval("mallory", "g-dba", "g-sec")]);
    expect(progress.map((g) => g.satisfied)).toEqual([true, true]);
  });

  it("counts the same approver once per group", () => {
    const progress = groupProgress([dba], [approval("bob", "g-dba"), approval("bob", "g-dba")]);
    expect(progress[0]!.approverIds).toEqual(["bob"]);
    expect(progress[0]!.satisfied).toBe(false);
  });

  it("treats a connection with no groups as approved", () => {
    expect(isFullyApproved([], [])).toBe(true);
  });

  it("lets a forced approval satisfy every group", () => {
    expect(isFullyApproved([dba, sec], [{ userId: "admin", countedGroups: [], forced: true }])).toBe(true);
  });

  it("matches a direct count for random approval sequences (property)", () => {
    const groupIds = ["a", "b", "c"];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 }),
        fc.array(fc.record({ user: fc.integer({ min: 0, max: 6 }), groups: fc.subarray(groupIds) }), { maxLength: 20 }),
        (mins, sequence) => {
          const groups = mins.map((m, i) => ({ groupId: groupIds[i]!, groupName: groupIds[i]!, minApprovals: m }));
          const approvals = sequence.map((s) => approval(`u${s.user}`, ...s.groups));
          const expected = groups.every((g) => new Set(approvals.filter((a) => a.countedGroups.includes(g.groupId)).map((a) => a.userId)).size >= g.minApprovals);
          expect(isFullyApproved(groups, approvals)).toBe(expected);
          // Adding approvals never un-approves a request.
          if (expected) expect(isFullyApproved(groups, [...approvals, approval("late", "a")])).toBe(true);
        },
      ),
    );
  });
});
