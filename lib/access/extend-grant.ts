import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict, forbidden, invalidInput } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { formatDuration, parseDuration } from "@/lib/access/duration";
import { getRequest } from "@/lib/access/get-request";
import { insertRequest } from "@/lib/access/insert-request";
import { lockRequest } from "@/lib/access/lock-request";
import { isGrantLive } from "@/lib/access/request-view";
import { requestPolicyProblems } from "@/lib/access/request-policy";
import { applyExtension, totalAfterExtension, totalCapSeconds } from "@/lib/access/apply-extension";
import { connectionForRequestInclude } from "@/lib/access/create-request";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const extendGrantInput = z.object({
  duration: z.string({ error: 'Say how much longer, e.g. "1h".' }).max(40),
  reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").default(""),
});

/**
 * The requester asks for more time on a live grant. The extension is a request of its
 * own under the connection's approval rule (auto-approve included); the grant keeps
 * running meanwhile and is never cut short by it. Returns the extension request.
 */
export async function extendGrant(ctx: ActionContext, grantId: string, raw: unknown): Promise<AccessRequestView> {
  const input = parseInput(extendGrantInput, raw);
  const parsed = parseDuration(input.duration);
  if (!parsed.ok) throw invalidInput(parsed.message);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  return inTransaction(async (tx) => {
    // The one-pending-request-per-connection index covers extensions too.
    const pending = await tx.accessRequest.findFirst({
      where: { requesterId: actor.id, status: "PENDING", connection: { requests: { some: { id: grantId } } } },
      select: { id: true },
    });
    if (pending) throw conflict("You already have a pending request for this connection.", { existingRequestId: pending.id });
    const grant = await lockRequest(tx, grantId);
    if (grant.requesterId !== actor.id) throw forbidden("Only the requester can extend their grant.");
    if (grant.extendsRequestId) throw invalidInput("Extend the grant itself, not one of its extensions.");
    if (!isGrantLive(grant, now)) throw conflict(`The grant is not active (${grant.status}); request access again instead.`, { status: grant.status });
    const connection = await tx.connection.findUniqueOrThrow({ where: { id: grant.connectionId }, include: connectionForRequestInclude });
    const cap = totalCapSeconds(connection);
    if (totalAfterExtension(grant, parsed.seconds) > cap) {
      throw invalidInput(`${formatDuration(parsed.seconds)} more would take the grant past its total cap of ${formatDuration(cap)}.`);
    }
    const problems = requestPolicyProblems({ ...connection, ticketMode: "off" }, { reason: input.reason });
    if (problems.length) throw invalidInput(problems.join(" "));

    const who = { actor, meta: ctx.meta, now };
    const extension = await insertRequest(tx, who, {
      connection,
      durationSeconds: parsed.seconds,
      reason: input.reason,
      extendsRequestId: grant.id,
      // Granted at once (auto-approve): its expiry is the grant's new one.
      expiresAt: grant.expiresAt!,
    });
    if (extension.status === "APPROVED") {
      const expiresAt = await applyExtension(tx, who, extension);
      await tx.accessRequest.update({ where: { id: extension.id }, data: { expiresAt } });
    }
    return getRequest(actor, extension.id, now, tx);
  });
}
