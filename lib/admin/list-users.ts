import { db } from "@/lib/db";
import { requireAdmin, type Actor } from "@/lib/permissions";
import type { UserView } from "@/lib/admin/create-user";

export async function listUsers(actor: Actor): Promise<UserView[]> {
  requireAdmin(actor, "list users");
  const users = await db().user.findMany({
    orderBy: { email: "asc" },
    include: { memberships: { select: { group: { select: { name: true } } } } },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    groups: u.memberships.map((m) => m.group.name).sort(),
    createdAt: u.createdAt.toISOString(),
  }));
}
