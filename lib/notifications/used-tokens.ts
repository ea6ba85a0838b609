import { db, type Db, type Tx } from "@/lib/db";
import type { TokenPurpose } from "@/lib/notifications/signed-token";

export type TokenUse = { nonce: string; purpose: TokenPurpose; userId: string; expiresAt: Date };

/**
 * Marks a single-use link as used. Returns false when it already was: the primary key
 * makes this atomic, so two clicks racing each other cannot both succeed.
 */
export async function markTokenUsed(use: TokenUse, now = new Date(), client: Db | Tx = db()): Promise<boolean> {
  const { count } = await client.usedLinkToken.createMany({
    data: [{ nonce: use.nonce, purpose: use.purpose, userId: use.userId, expiresAt: use.expiresAt, usedAt: now }],
    skipDuplicates: true,
  });
  // Tokens past their expiry are refused on their own, so their rows can go.
  if (count === 1) await client.usedLinkToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 60_000) } } });
  return count === 1;
}

/** Gives a use back when the action behind it failed for a reason the user can retry (not a refusal). */
export async function releaseTokenUse(nonce: string): Promise<void> {
  await db().usedLinkToken.deleteMany({ where: { nonce } });
}

export async function tokenUse(nonce: string): Promise<{ userId: string; usedAt: Date } | null> {
  return db().usedLinkToken.findUnique({ where: { nonce }, select: { userId: true, usedAt: true } });
}
