import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { invalidInput, notFound } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import type { GroupView } from "@/lib/admin/create-group";

export const setGroupMembersInput = z.object({
  emails: z.array(z.email("each entry must be an email address").transform((e) => e.toLowerCase())).max(5000),
});

/** Replaces a group's member list; the audit event records who was added and removed. */
export async function setGroupMembers(ctx: ActionContext, groupName: string, raw: unknown): Promise<GroupView> {
  const { emails } = parseInput(setGroupMembersInput, raw);
  requireAdmin(ctx.actor, "change group members");
  return inTransaction(async (tx) => {
    const group = await tx.group.findUnique({
      where: { name: groupName },
      include: { members: { include: { user: { select: { id: true, email: true } } } } },
    });
    if (!group) throw notFound(`Unknown group "${groupName}".`);
    const wanted = [...new Set(emails)];
    const users = await tx.user.findMany({ where: { email: { in: wanted } }, select: { id: true, email: true, name: true } });
    const unknown = wanted.filter((e) => !users.some((u) => u.email === e));
    if (unknown.length) throw invalidInput(`Unknown user(s): ${unknown.slice(0, 10).join(", ")}. Create them first.`);

    const before = group.members.map((m) => m.user.email).sort();
    const added = users.filter((u) => !before.includes(u.email));
    const removed = group.members.filter((m) => !wanted.includes(m.user.email));
    await tx.groupMember.deleteMany({ where: { groupId: group.id, userId: { in: removed.map((m) => m.userId) } } });
    await tx.groupMember.createMany({ data: added.map((u) => ({ groupId: group.id, userId: u.id })) });
    if (added.length || removed.length) {
      await recordEvent(tx, ctx, {
        action: "group.members_changed",
        targetType: "group",
        targetId: group.id,
        data: { group: group.name, before, after: [...wanted].sort(), added: added.map((u) => u.email), removed: removed.map((m) => m.user.email) },
      });
    }
    return {
      id: group.id,
      name: group.name,
      description: group.description,
      members: users.map((u) => ({ email: u.email, name: u.name })).sort((a, b) => a.email.localeCompare(b.email)),
    };
  });
}
