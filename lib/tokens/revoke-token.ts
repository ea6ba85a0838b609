import { inTransaction } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import { toTokenView, type TokenView } from "@/lib/tokens/create-token";

/** Users revoke their own tokens; admins any. Revoking twice is harmless. */
export async function revokeToken(ctx: ActionContext, tokenId: string): Promise<TokenView> {
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!token || (token.userId !== ctx.actor.id && !ctx.actor.isAdmin)) throw notFound(`No API token with id "${tokenId}".`);
    if (token.revokedAt) return toTokenView(token);
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now } });
    await recordEvent(tx, ctx, { action: "token.revoked", targetType: "api_token", targetId: tokenId, data: { name: token.name } });
    return toTokenView(revoked);
  });
}
