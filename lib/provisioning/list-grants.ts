import { z } from "zod";
import { db } from "@/lib/db";
import { requireAdmin, type Actor } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";

export const listGrantsQuery = z.object({
  status: z
    .enum(["PROVISIONING", "ACTIVE", "FAILED", "DEPROVISIONING", "DEPROVISION_FAILED", "ENDED"], {
      error: "status is one of PROVISIONING, ACTIVE, FAILED, DEPROVISIONING, DEPROVISION_FAILED, ENDED",
    })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export type GrantListItem = {
  requestId: string;
  connection: string;
  requester: string;
  provisioner: string;
  status: string;
  role: string | null;
  attempts: number;
  lastError: string | null;
  lastErrorAt: string | null;
  endReason: string | null;
  updatedAt: string;
};

/**
 * Admins: grants by status, most recently changed first. `?status=DEPROVISION_FAILED` is
 * the alarm list: access that should have ended but could not be removed from the target.
 */
export async function listGrants(actor: Actor, raw: unknown): Promise<{ items: GrantListItem[] }> {
  requireAdmin(actor, "list grants");
  const query = parseInput(listGrantsQuery, raw);
  const grants = await db().accessGrant.findMany({
    where: query.status ? { status: query.status } : {},
    orderBy: { updatedAt: "desc" },
    take: query.limit,
    include: { request: { select: { connection: { select: { name: true } }, requester: { select: { email: true } } } } },
  });
  return {
    items: grants.map((g) => ({
      requestId: g.requestId,
      connection: g.request.connection.name,
      requester: g.request.requester.email,
      provisioner: g.provisioner,
      status: g.status,
      role: g.roleName,
      attempts: g.attempts,
      lastError: g.lastError,
      lastErrorAt: g.lastErrorAt?.toISOString() ?? null,
      endReason: g.endReason,
      updatedAt: g.updatedAt.toISOString(),
    })),
  };
}
