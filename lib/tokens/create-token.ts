import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import { generateToken, hashToken } from "@/lib/tokens/token-hash";

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. laptop CLI").max(100).default("API token"),
});

export type TokenView = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
export type CreatedToken = TokenView & { token: string };

/** Mints a personal API token, shown once; only its hash is stored. Admins may mint for anyone. */
export async function createToken(ctx: ActionContext, userId: string, raw: unknown = {}): Promise<CreatedToken> {
  const { name } = parseInput(createTokenInput, raw);
  if (userId !== ctx.actor.id) requireAdmin(ctx.actor, "create tokens for other users");
  const token = generateToken();
  return inTransaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) throw notFound(`No user with id "${userId}".`);
    const record = await tx.apiToken.create({ data: { userId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10) } });
    await recordEvent(tx, ctx, { action: "token.created", targetType: "api_token", targetId: record.id, data: { for: user.email, name } });
    return { ...toTokenView(record), token };
  });
}

export function toTokenView(t: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): TokenView {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
