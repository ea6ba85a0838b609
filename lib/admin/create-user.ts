import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";

export const createUserInput = z.object({
  email: z.email("email must be an email address").max(320).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, "name is required").max(200),
});

export type UserView = { id: string; email: string; name: string | null; groups: string[]; createdAt: string };

export async function createUser(ctx: ActionContext, raw: unknown): Promise<UserView> {
  const input = parseInput(createUserInput, raw);
  requireAdmin(ctx.actor, "create users");
  return inTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw conflict(`A user with email ${input.email} already exists.`);
    }
    const user = await tx.user.create({ data: input });
    await recordEvent(tx, ctx, { action: "user.created", targetType: "user", targetId: user.id, data: { email: user.email, name: user.name } });
    return { id: user.id, email: user.email, name: user.name, groups: [], createdAt: user.createdAt.toISOString() };
  });
}
