import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { requireAdmin, type Actor } from "@/lib/permissions";
import { ACTOR_COLUMNS, actorFromRow, type ActorRow } from "@/lib/auth/load-actor";
import { TOKEN_COLUMNS, TOKEN_FROM, isPlausibleToken, tokenWhere, touchToken, type TokenRow } from "@/lib/tokens/authenticate-token";

export type AccessDecision = { allowed: boolean; requestId?: string; expiresAt?: string };

/** What the statements below answer: the connection (null: unknown) and the live grant (null: none). */
type DecisionRow = { connection_id: string | null; grant_id: string | null; grant_expires_at: Date | null };

const DECISION_COLUMNS = Prisma.sql`c.id AS connection_id, lg.id AS grant_id, lg.expires_at AS grant_expires_at`;

/**
 * Joins the connection named `connectionName` as `c` (null when there is none) and the live
 * grant of user `u` on it as `lg`: an APPROVED request whose window has opened and not yet
 * closed (the same rule as isGrantLive), the one that lasts longest. Expiry is checked here,
 * on read, so a lapsed grant denies at once even before the sweep has marked it EXECUTED.
 */
function decisionJoins(connectionName: string, now: Date) {
  return Prisma.sql`
    LEFT JOIN connections c ON c.name = ${connectionName}
    LEFT JOIN LATERAL (
      SELECT r.id, r.expires_at FROM access_requests r
      WHERE r.requester_id = u.id AND r.connection_id = c.id AND r.status = 'APPROVED'
        AND r.extends_request_id IS NULL AND r.expires_at > ${now} AND (r.starts_at IS NULL OR r.starts_at <= ${now})
      ORDER BY r.expires_at DESC LIMIT 1) lg ON true`;
}

function decide(row: DecisionRow, connectionName: string): AccessDecision {
  if (!row.connection_id) throw notFound(`Unknown connection "${connectionName}".`);
  return row.grant_id ? { allowed: true, requestId: row.grant_id, expiresAt: row.grant_expires_at!.toISOString() } : { allowed: false };
}

/**
 * Whether a user may use a connection right now: an APPROVED grant whose window has
 * opened and not yet closed. The actor's own access, or (admins only) another user's by email.
 * One statement.
 */
export async function checkAccess(actor: Actor, connectionName: string, forEmail?: string, now = new Date()): Promise<AccessDecision> {
  const forOther = forEmail !== undefined && forEmail !== actor.email;
  if (forOther) requireAdmin(actor, "check another user's access");
  const rows = await db().$queryRaw<(DecisionRow & { user_id: string | null })[]>`
    SELECT u.id AS user_id, ${DECISION_COLUMNS}
    FROM (SELECT 1) one
    LEFT JOIN users u ON ${forOther ? Prisma.sql`u.email = ${forEmail}` : Prisma.sql`u.id = ${actor.id}`}
    ${decisionJoins(connectionName, now)}`;
  const row = rows[0]!;
  if (forOther && !row.user_id) throw notFound(`Unknown user "${forEmail}".`);
  return decide(row, connectionName);
}

/**
 * The access check of a personal API token in one statement: the token (live: known, not
 * revoked), its user and their groups, the connection and the user's live grant. Null for a
 * token that does not authenticate. Checking another user's access (admins only) takes a
 * second statement.
 */
export async function checkTokenAccess(token: string, connectionName: string, forEmail?: string, now = new Date()): Promise<AccessDecision | null> {
  if (!isPlausibleToken(token)) return null;
  const rows = await db().$queryRaw<(TokenRow & ActorRow & DecisionRow)[]>`
    SELECT ${TOKEN_COLUMNS}, ${ACTOR_COLUMNS}, ${DECISION_COLUMNS}
    FROM ${TOKEN_FROM} ${decisionJoins(connectionName, now)}
    WHERE ${tokenWhere(token)}`;
  const row = rows[0];
  if (!row) return null;
  await touchToken(row, now);
  const actor = actorFromRow(row);
  if (forEmail !== undefined && forEmail !== actor.email) return checkAccess(actor, connectionName, forEmail, now);
  return decide(row, connectionName);
}
