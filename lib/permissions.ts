import { forbidden } from "@/lib/errors";

export const ADMIN_GROUP = "admin";

/** The signed-in person, loaded fresh from the database on every call. */
export type Actor = {
  id: string;
  email: string;
  name: string | null;
  isAdmin: boolean;
  groupIds: ReadonlySet<string>;
  groupNames: readonly string[];
};

export type RequestGroupRule = { groupId: string; groupName: string; minApprovals: number };

export function requireAdmin(actor: Actor, what: string): void {
  if (!actor.isAdmin) throw forbidden(`Only admins can ${what}.`);
}

/** The required groups an approval by this actor counts toward. */
export function groupsActorCounts(actor: Actor, groups: readonly RequestGroupRule[]): string[] {
  return groups.filter((g) => actor.groupIds.has(g.groupId)).map((g) => g.groupId);
}

export function canView(actor: Actor, requesterId: string, groups: readonly RequestGroupRule[]): boolean {
  return actor.isAdmin || actor.id === requesterId || groupsActorCounts(actor, groups).length > 0;
}

/** Returns the groups the approval counts toward; throws when the actor may not approve. */
export function assertCanApprove(actor: Actor, requesterId: string, groups: readonly RequestGroupRule[]): string[] {
  if (actor.id === requesterId && !actor.isAdmin) {
    throw forbidden("You cannot approve your own request.");
  }
  const counted = groupsActorCounts(actor, groups);
  if (counted.length === 0) {
    if (actor.isAdmin) {
      throw forbidden("You are not in any approval group of this request; as an admin, use force approve with a reason.");
    }
    throw forbidden("You are not a member of any approval group of this request.");
  }
  return counted;
}

export function assertCanReject(actor: Actor, requesterId: string, groups: readonly RequestGroupRule[]): void {
  if (actor.isAdmin) return;
  if (actor.id === requesterId) throw forbidden("You cannot reject your own request.");
  if (groupsActorCounts(actor, groups).length === 0) {
    throw forbidden("You are not a member of any approval group of this request.");
  }
}
