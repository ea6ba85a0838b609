import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";

export const groupName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "group names are 1-63 lowercase letters, digits, dots, dashes or underscores");

export const createGroupInput = z.object({ name: groupName, description: z.string().trim().max(500).optional() });

export type GroupView = { id: string; name: string; description: string | null; members: { email: string; name: string | null }[] };

export async function createGroup(ctx: ActionContext, raw: unknown): Promise<GroupView> {
  const input = parseInput(createGroupInput, raw);
  requireAdmin(ctx.actor, "create groups");
  return inTransaction(async (tx) => {
    if (await tx.group.findUnique({ where: { name: input.name }, select: { id: true } })) {
      throw conflict(`A group named ${input.name} already exists.`);
    }
    const group = await tx.group.create({ data: { name: input.name, description: input.description ?? null } });
    await recordEvent(tx, ctx, { action: "group.created", targetType: "group", targetId: group.id, data: { name: group.name } });
    return { id: group.id, name: group.name, description: group.description, members: [] };
  });
}
