import type { RequestGroupRule } from "@/lib/permissions";

export type ApprovalRecord = { userId: string; countedGroups: readonly string[]; forced: boolean };

export type GroupProgress = RequestGroupRule & { approverIds: string[]; satisfied: boolean };

/** Per-group progress: distinct approvers counted toward each group; a forced approval satisfies all. */
export function groupProgress(groups: readonly RequestGroupRule[], approvals: readonly ApprovalRecord[]): GroupProgress[] {
  const forced = approvals.some((a) => a.forced);
  return groups.map((group) => {
    const approverIds = [...new Set(approvals.filter((a) => a.countedGroups.includes(group.groupId)).map((a) => a.userId))];
    return { ...group, approverIds, satisfied: forced || approverIds.length >= group.minApprovals };
  });
}

/** A request is fully approved when every required group has its minimum; no groups means no approval is needed. */
export function isFullyApproved(groups: readonly RequestGroupRule[], approvals: readonly ApprovalRecord[]): boolean {
  return groupProgress(groups, approvals).every((g) => g.satisfied);
}
