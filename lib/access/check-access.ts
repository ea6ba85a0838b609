import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireAdmin, type Actor } from "@/lib/permissions";

export type AccessDecision = { allowed: boolean; requestId?: string; expiresAt?: string };

/**
 * Whether a user may use a connection right now: an APPROVED grant whose window has
 * opened and not yet closed. Expiry is checked here, on read, so a lapsed grant denies at once even
 * before the sweep has marked it EXECUTED.
 */
export async function checkAccess(actor: Actor, connectionName: string, forEmail?: string, now = new Date()): Promise<AccessDecision> {
  let userId = actor.id;
  if (forEmail !== undefined && forEmail !== actor.email) {
    requireAdmin(actor, "check another user's access");
    const user = await db().user.findUnique({ where: { email: forEmail }, select: { id: true } });
    if (!user) throw notFound(`Unknown user "${forEmail}".`);
    userId = user.id;
  }
  const connection = await db().connection.findUnique({ where: { name: connectionName }, select: { id: true } });
  if (!connection) throw notFound(`Unknown connection "${connectionName}".`);
  const grant = await db().accessRequest.findFirst({
    where: {
      requesterId: userId,
      connectionId: connection.id,
      status: "APPROVED",
      expiresAt: { gt: now },
      extendsRequestId: null,
      OR: [{ startsAt: null }, { startsAt: { lte: now } }],
    },
    orderBy: { expiresAt: "desc" },
    select: { id: true, expiresAt: true },
  });
  return grant ? { allowed: true, requestId: grant.id, expiresAt: grant.expiresAt!.toISOString() } : { allowed: false };
}
