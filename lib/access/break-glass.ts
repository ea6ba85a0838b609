/**
 * Break-glass eligibility as pages see it: the actor is in one of the connection's
 * break-glass groups. create-request checks the same by group id when the grant is opened.
 */
export function canBreakGlass(actor: { groupNames: readonly string[] }, connection: { policy: { breakGlassGroups: readonly string[] } }): boolean {
  return connection.policy.breakGlassGroups.some((name) => actor.groupNames.includes(name));
}
