import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import type { RequestMeta } from "@/lib/access/context";

export type AuditEventInput = {
  action: string;
  targetType: string;
  targetId: string;
  requestId?: string;
  connectionId?: string;
  data?: Prisma.InputJsonObject;
};

/** Appends one audit event inside the caller's transaction, so it commits with the change or not at all. */
export async function recordEvent(
  tx: Tx,
  who: { actor: Actor | null; meta?: RequestMeta; now?: Date },
  event: AuditEventInput,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      at: who.now ?? new Date(),
      actorId: who.actor?.id ?? null,
      actorEmail: who.actor?.email ?? null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      requestId: event.requestId ?? null,
      connectionId: event.connectionId ?? null,
      data: event.data ?? {},
      ip: who.meta?.ip ?? null,
      userAgent: who.meta?.userAgent ?? null,
    },
  });
}
