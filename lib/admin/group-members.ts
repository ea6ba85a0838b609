import { z } from "zod";
import { inTransaction, type Tx } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { ADMIN_GROUP, requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import type { GroupView } from "@/lib/admin/create-group";

export const groupMemberInput = z.object({
  email: z.email("email must be an email address").max(320).transform((e) => e.toLowerCase()),
});

/** Locks the group row so concurrent membership changes of one group queue up (the last-admin check relies on it). */
async function lockGroup(tx: Tx, name: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM groups WHERE name = ${name} FOR UPDATE`;
  const group = locked[0] ? await tx.group.findUnique({ where: { id: locked[0].id } }) : null;
  if (!group) throw notFound(`Unknown group "${name}".`);
  return group;
}

async function findUser(tx: Tx, email: string) {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) throw notFound(`Unknown user "${email}". Create them first.`);
  return user;
}

async function groupView(tx: Tx, group: { id: string; name: string; description: string | null }): Promise<GroupView> {
  const members = await tx.groupMember.findMany({
    where: { groupId: group.id },
    select: { user: { select: { email: true, name: true } } },
    orderBy: { user: { email: "asc" } },
  });
  return { id: group.id, name: group.name, description: group.description, members: members.map((m) => m.user) };
}

/** Adds one user to a group; adding someone already in it changes nothing and records nothing. */
export async function addGroupMember(ctx: ActionContext, groupName: string, raw: unknown): Promise<GroupView> {
  const { email } = parseInput(groupMemberInput, raw);
  requireAdmin(ctx.actor, "change group members");
  return inTransaction(async (tx) => {
    const group = await lockGroup(tx, groupName);
    const user = await findUser(tx, email);
    const existing = await tx.groupMember.findUnique({ where: { groupId_userId: { groupId: group.id, userId: user.id } } });
    if (!existing) {
      await tx.groupMember.create({ data: { groupId: group.id, userId: user.id } });
      await recordEvent(tx, ctx, {
        action: "group.member_added",
        targetType: "group",
        targetId: group.id,
        data: { group: group.name, email: user.email, ...(group.name === ADMIN_GROUP ? { admin: true } : {}) },
      });
    }
    return groupView(tx, group);
  });
}

/** Removes one user from a group. The last member of "admin" stays: Timebox always keeps one admin. */
export async function removeGroupMember(ctx: ActionContext, groupName: string, rawEmail: string): Promise<GroupView> {
  const { email } = parseInput(groupMemberInput, { email: rawEmail });
  requireAdmin(ctx.actor, "change group members");
  return inTransaction(async (tx) => {
    const group = await lockGroup(tx, groupName);
    const user = await findUser(tx, email);
    const existing = await tx.groupMember.findUnique({ where: { groupId_userId: { groupId: group.id, userId: user.id } } });
    if (existing) {
      if (group.name === ADMIN_GROUP && (await tx.groupMember.count({ where: { groupId: group.id } })) <= 1) {
        throw conflict(`${user.email} is the last admin; make someone else an admin first.`);
      }
      await tx.groupMember.delete({ where: { groupId_userId: { groupId: group.id, userId: user.id } } });
      await recordEvent(tx, ctx, {
        action: "group.member_removed",
        targetType: "group",
        targetId: group.id,
        data: { group: group.name, email: user.email, ...(group.name === ADMIN_GROUP ? { admin: true } : {}) },
      });
    }
    return groupView(tx, group);
  });
}
