import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { conflict, invalidInput } from "@/lib/errors";
import { recordEvent } from "@/lib/audit/record-event";
import { formatDuration } from "@/lib/access/duration";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import { isGrantLive } from "@/lib/access/request-view";
import type { RequestMeta } from "@/lib/access/context";

type Extension = { id: string; extendsRequestId: string | null; durationSeconds: number };

/** The longest a request may run in total, counting its extensions. */
export function totalCapSeconds(c: { maxTotalSeconds: number | null; maxDurationSeconds: number }): number {
  return c.maxTotalSeconds ?? c.maxDurationSeconds;
}

/** Seconds the grant runs for if `extraSeconds` are added to it. */
export function totalAfterExtension(grant: { decidedAt: Date | null; startsAt: Date | null; expiresAt: Date | null }, extraSeconds: number): number {
  const start = grant.startsAt && grant.decidedAt && grant.startsAt > grant.decidedAt ? grant.startsAt : grant.decidedAt!;
  return (grant.expiresAt!.getTime() - start.getTime()) / 1000 + extraSeconds;
}

/**
 * Moves a live grant's expiry by an approved extension's duration, within the
 * connection's total cap. Locks the grant row; the grant keeps running either way.
 * Returns the new expiry, which the extension takes as its own: an applied extension
 * ends with its grant.
 */
export async function applyExtension(tx: Tx, who: { actor: Actor; meta?: RequestMeta; now: Date }, ext: Extension): Promise<Date> {
  await tx.$queryRaw`SELECT id FROM access_requests WHERE id = ${ext.extendsRequestId} FOR UPDATE`;
  const grant = await tx.accessRequest.findUniqueOrThrow({
    where: { id: ext.extendsRequestId! },
    include: { connection: { select: { maxTotalSeconds: true, maxDurationSeconds: true } } },
  });
  if (!isGrantLive(grant, who.now)) {
    throw conflict(`The grant this extension is for has ended (${grant.status}); nothing to extend.`, { status: grant.status });
  }
  const cap = totalCapSeconds(grant.connection);
  if (totalAfterExtension(grant, ext.durationSeconds) > cap) {
    throw invalidInput(`The extension would take the grant past its total cap of ${formatDuration(cap)}.`);
  }
  const expiresAt = new Date(grant.expiresAt!.getTime() + ext.durationSeconds * 1000);
  await tx.accessRequest.update({ where: { id: grant.id }, data: { expiresAt } });
  // Extensions applied earlier end with the grant, now later: the sweep and their
  // "10 minutes left" notice go by their own expiry, so it moves with the grant's.
  await tx.accessRequest.updateMany({ where: { extendsRequestId: grant.id, status: "APPROVED", id: { not: ext.id } }, data: { expiresAt } });
  await recordEvent(tx, who, {
    action: "request.extended",
    targetType: "access_request",
    targetId: grant.id,
    requestId: grant.id,
    connectionId: grant.connectionId,
    data: { extension: ext.id, by: formatDuration(ext.durationSeconds), from: grant.expiresAt!.toISOString(), to: expiresAt.toISOString() },
  });
  await publishRequestEvents(tx, [{ type: "request.extended", requestId: grant.id, actorId: who.actor.id, at: who.now.toISOString() }]);
  return expiresAt;
}
