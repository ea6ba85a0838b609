export type GroupProgressView = { name: string; minApprovals: number; satisfied: boolean; approvals: readonly unknown[] };

/** One group's progress: "dba-team 1 of 1 ✓" or "security 0 of 1, waiting"; a group completed by force approval says so. */
export function groupProgressText(g: GroupProgressView): string {
  if (g.satisfied && g.approvals.length < g.minApprovals) return `${g.name} forced ✓`;
  const count = `${g.name} ${Math.min(g.approvals.length, g.minApprovals)} of ${g.minApprovals}`;
  return g.satisfied ? `${count} ✓` : `${count}, waiting`;
}

/** Every group, for one line: "dba-team 1 of 1 ✓ · security 0 of 1, waiting". */
export function progressSummary(groups: readonly GroupProgressView[]): string {
  if (groups.length === 0) return "No approval needed";
  return groups.map(groupProgressText).join(" · ");
}
