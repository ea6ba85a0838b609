import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ADMIN_GROUP, type Actor } from "@/lib/permissions";

/** The columns an actor is built from; `group_ids`/`group_names` are null for a user in no group. */
export type ActorRow = { user_id: string; email: string; name: string | null; group_ids: string[] | null; group_names: string[] | null };

/**
 * The actor's columns for a statement that has the user as `u`: add it to the select list,
 * with ACTOR_GROUPS among the joins. Plain SQL, not Prisma queries: the actor is loaded on
 * every call, and each Prisma query is compiled anew (engineType "client").
 */
export const ACTOR_COLUMNS = Prisma.sql`u.id AS user_id, u.email, u.name, ag.group_ids, ag.group_names`;
export const ACTOR_GROUPS = Prisma.sql`LEFT JOIN LATERAL (
    SELECT array_agg(g.id ORDER BY g.name) AS group_ids, array_agg(g.name ORDER BY g.name) AS group_names
    FROM group_members m JOIN groups g ON g.id = m.group_id
    WHERE m.user_id = u.id) ag ON true`;

export function actorFromRow(row: ActorRow): Actor {
  const names = row.group_names ?? [];
  return {
    id: row.user_id,
    email: row.email,
    name: row.name,
    isAdmin: names.some((name) => name === ADMIN_GROUP),
    groupIds: new Set(row.group_ids ?? []),
    groupNames: [...names].sort(),
  };
}

/** Loads a user and their groups in one statement; null when the user does not exist (deny). */
export async function loadActor(client: Db | Tx, userId: string): Promise<Actor | null> {
  const rows = await client.$queryRaw<ActorRow[]>`SELECT ${ACTOR_COLUMNS} FROM users u ${ACTOR_GROUPS} WHERE u.id = ${userId}`;
  return rows[0] ? actorFromRow(rows[0]) : null;
}
