import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ACTOR_COLUMNS, ACTOR_GROUPS, actorFromRow, type ActorRow } from "@/lib/auth/load-actor";
import type { Actor } from "@/lib/permissions";
import { hashToken } from "@/lib/tokens/token-hash";

const LAST_USED_RESOLUTION_MS = 60_000;

/** Shorter or longer than any token Timebox makes: refused without a database round trip. */
export function isPlausibleToken(token: string): boolean {
  return token.length >= 16 && token.length <= 200;
}

/** The token's columns for a statement joining TOKEN_FROM: its id and when it was last used. */
export type TokenRow = { token_id: string; last_used_at: Date | null };
export const TOKEN_COLUMNS = Prisma.sql`t.id AS token_id, t.last_used_at`;

/**
 * `FROM` the live token with this value, its user as `u` and their groups (ACTOR_COLUMNS): no
 * row for an unknown or revoked token. Finish the statement with `WHERE` TOKEN_WHERE.
 */
export const TOKEN_FROM = Prisma.sql`api_tokens t JOIN users u ON u.id = t.user_id ${ACTOR_GROUPS}`;
export const tokenWhere = (token: string) => Prisma.sql`t.token_hash = ${hashToken(token)} AND t.revoked_at IS NULL`;

/** Records the token's use, at most once a minute per token. */
export async function touchToken(row: TokenRow, now: Date): Promise<void> {
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().$executeRaw`UPDATE api_tokens SET last_used_at = ${now} WHERE id = ${row.token_id}`;
  }
}

/** The actor a personal API token stands for, or null for an unknown or revoked token. One statement (and the once-a-minute touch). */
export async function authenticateToken(token: string, now = new Date()): Promise<Actor | null> {
  if (!isPlausibleToken(token)) return null;
  const rows = await db().$queryRaw<(TokenRow & ActorRow)[]>`
    SELECT ${TOKEN_COLUMNS}, ${ACTOR_COLUMNS} FROM ${TOKEN_FROM} WHERE ${tokenWhere(token)}`;
  const row = rows[0];
  if (!row) return null;
  await touchToken(row, now);
  return actorFromRow(row);
}
