import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/permissions";
import { hashToken } from "@/lib/tokens/token-hash";

const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor a personal API token stands for, or null for an unknown or revoked token. */
export async function authenticateToken(token: string, now = new Date()): Promise<Actor | null> {
  if (token.length < 16 || token.length > 200) return null;
  const record = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!record || record.revokedAt) return null;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return loadActor(db(), record.userId);
}
