import { z } from "zod";
import { db, inTransaction } from "@/lib/db";
import { conflict, invalidInput, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import { formatDuration, parseDuration } from "@/lib/access/duration";
import { getRequest } from "@/lib/access/get-request";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const createRequestInput = z.object({
  connection: z.string().trim().min(1, "Name the connection.").max(200),
  duration: z.string().max(40).optional(),
  reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").default(""),
});

export type CreateRequestInput = z.input<typeof createRequestInput>;

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

/**
 * Opens a request. An admin on a connection with auto-approve, or a connection with
 * no approval groups, is granted at once (still time-boxed and audited).
 */
export async function createRequest(ctx: ActionContext, raw: unknown): Promise<AccessRequestView> {
  const input = parseInput(createRequestInput, raw);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  try {
    return await inTransaction(async (tx) => {
      const connection = await tx.connection.findUnique({
        where: { name: input.connection },
        include: { approvalGroups: { include: { group: { select: { name: true } } } } },
      });
      if (!connection) throw notFound(`Unknown connection "${input.connection}".`);

      let durationSeconds = connection.defaultDurationSeconds;
      if (input.duration !== undefined) {
        const parsed = parseDuration(input.duration);
        if (!parsed.ok) throw invalidInput(parsed.message);
        durationSeconds = parsed.seconds;
      }
      if (durationSeconds > connection.maxDurationSeconds) {
        throw invalidInput(
          `${formatDuration(durationSeconds)} is above the maximum of ${formatDuration(connection.maxDurationSeconds)} for ${connection.name}.`,
        );
      }

      const autoApproved = actor.isAdmin && connection.autoApproveAdmins;
      const grantedNow = autoApproved || connection.approvalGroups.length === 0;
      const request = await tx.accessRequest.create({
        data: {
          connectionId: connection.id,
          requesterId: actor.id,
          durationSeconds,
          reason: input.reason,
          createdAt: now,
          status: grantedNow ? "APPROVED" : "PENDING",
          autoApproved: grantedNow,
          decidedAt: grantedNow ? now : null,
          expiresAt: grantedNow ? new Date(now.getTime() + durationSeconds * 1000) : null,
          // A snapshot: later edits to the connection leave requests in flight alone.
          groups: {
            create: connection.approvalGroups.map((g) => ({
              groupId: g.groupId,
              groupName: g.group.name,
              minApprovals: g.minApprovals,
            })),
          },
        },
      });
      const who = { actor, meta: ctx.meta, now };
      const ids = { targetType: "access_request", targetId: request.id, requestId: request.id, connectionId: connection.id };
      await recordEvent(tx, who, {
        action: "request.created",
        ...ids,
        data: { connection: connection.name, duration: formatDuration(durationSeconds), reason: input.reason },
      });
      if (grantedNow) {
        await recordEvent(tx, who, {
          action: "request.approved",
          ...ids,
          data: {
            autoApproved: true,
            why: autoApproved ? "admin requester on a connection that auto-approves admins" : "connection needs no approval",
            expiresAt: request.expiresAt!.toISOString(),
          },
        });
      }
      const at = now.toISOString();
      await publishRequestEvents(tx, [
        { type: "request.created", requestId: request.id, actorId: actor.id, at },
        ...(grantedNow ? [{ type: "request.approved" as const, requestId: request.id, actorId: actor.id, at }] : []),
      ]);
      return getRequest(actor, request.id, now, tx);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db().accessRequest.findFirst({
      where: { requesterId: actor.id, connection: { name: input.connection }, status: "PENDING" },
      select: { id: true },
    });
    throw conflict(`You already have a pending request for ${input.connection}.`, {
      existingRequestId: existing?.id,
      existingRequestUrl: existing ? `/requests/${existing.id}` : undefined,
    });
  }
}
