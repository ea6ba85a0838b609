import { db } from "@/lib/db";
import { requireAdmin, type Actor } from "@/lib/permissions";
import type { GroupView } from "@/lib/admin/create-group";

export async function listGroups(actor: Actor): Promise<GroupView[]> {
  requireAdmin(actor, "list groups");
  const groups = await db().group.findMany({
    orderBy: { name: "asc" },
    include: { members: { include: { user: { select: { email: true, name: true } } } } },
  });
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    members: g.members.map((m) => m.user).sort((a, b) => a.email.localeCompare(b.email)),
  }));
}
