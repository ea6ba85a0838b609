/**
 * The safeguards of a connection in words, for the admin preview and the request form.
 * Pure and shared, so both say the same thing.
 */

export function describeBreakGlass(groups: readonly string[], max: string): string {
  if (groups.length === 0) return "Nobody can break glass: every request waits for approval.";
  const who = groups.length === 1 ? `Members of ${groups[0]}` : `Members of ${groups.slice(0, -1).join(", ")} or ${groups.at(-1)}`;
  return `${who} may break glass: access at once for up to ${max}, with a reason, marked EMERGENCY, announced to every approver and admin, and reviewed afterwards.`;
}

export function describeSeparation(distinct: boolean, groupCount: number): string {
  if (!distinct) {
    return groupCount > 1
      ? "One person in several approval groups can approve for all of them at once."
      : "An approval counts for every required group the approver is in.";
  }
  return groupCount > 1
    ? "Distinct approvers: one person's approval counts for one group only, so each group is approved by someone different."
    : "Distinct approvers is on; it takes effect once the connection has two or more approval groups.";
}

export function describeExtensionCap(maxTotal: string | null, maxDuration: string): string {
  return maxTotal
    ? `A grant may be extended up to ${maxTotal} in total, each extension approved like a new request.`
    : `A grant may be extended up to the maximum duration (${maxDuration}) in total, each extension approved like a new request.`;
}
