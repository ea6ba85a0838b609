import type { Db, Tx } from "@/lib/db";
import { ADMIN_GROUP, type Actor } from "@/lib/permissions";

/** Loads a user and their groups; null when the user does not exist (deny). */
export async function loadActor(client: Db | Tx, userId: string): Promise<Actor | null> {
  const user = await client.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, memberships: { select: { group: { select: { id: true, name: true } } } } },
  });
  if (!user) return null;
  const groups = user.memberships.map((m) => m.group);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: groups.some((g) => g.name === ADMIN_GROUP),
    groupIds: new Set(groups.map((g) => g.id)),
    groupNames: groups.map((g) => g.name).sort(),
  };
}
