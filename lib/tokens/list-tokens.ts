import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { toTokenView, type TokenView } from "@/lib/tokens/create-token";

export async function listTokens(actor: Actor): Promise<TokenView[]> {
  const tokens = await db().apiToken.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" } });
  return tokens.map(toTokenView);
}
