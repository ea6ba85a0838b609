import { z } from "zod";
import { db, inTransaction } from "@/lib/db";
import { AppError, conflict, forbidden, invalidInput, notFound } from "@/lib/errors";
import { env } from "@/lib/env";
import { parseInput } from "@/lib/validation";
import { formatDuration, parseDuration } from "@/lib/access/duration";
import { getRequest } from "@/lib/access/get-request";
import { insertRequest } from "@/lib/access/insert-request";
import { requestPolicyProblems } from "@/lib/access/request-policy";
import type { ActionContext } from "@/lib/access/context";
import type { AccessRequestView } from "@/lib/access/request-view";

export const MAX_SCHEDULE_AHEAD_MS = 7 * 24 * 3600 * 1000;

export const createRequestInput = z.object({
  connection: z.string().trim().min(1, "Name the connection.").max(200),
  duration: z.string().max(40).optional(),
  reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").default(""),
  ticket: z.string().trim().max(100, "Keep the ticket under 100 characters.").optional(),
  startsAt: z.iso.datetime({ offset: true, error: "startsAt must be an ISO 8601 date-time, e.g. 2026-12-05T09:00:00Z" }).optional(),
  emergency: z.boolean({ error: "emergency must be true or false" }).optional(),
});

export type CreateRequestInput = z.input<typeof createRequestInput>;

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

export const connectionForRequestInclude = {
  approvalGroups: { include: { group: { select: { name: true } } } },
  breakGlassGroups: { select: { groupId: true } },
} as const;

/**
 * A per-user cap on new requests, counted in the database so it holds across app
 * instances; a runaway script gets 429s while everyone else carries on.
 */
async function assertUnderRateLimit(userId: string, now: Date): Promise<void> {
  const limit = env().TIMEBOX_REQUESTS_PER_MINUTE;
  const recent = await db().accessRequest.count({
    where: { requesterId: userId, createdAt: { gt: new Date(now.getTime() - 60_000) } },
  });
  if (recent >= limit) {
    throw new AppError("rate_limited", `You opened ${recent} requests in the last minute (the limit is ${limit}); wait a minute and try again.`);
  }
}

/**
 * Opens a request under the connection's policy. A break-glass emergency, an admin on a
 * connection that auto-approves admins, or a connection with no approval groups is
 * granted at once (still time-boxed and audited).
 */
export async function createRequest(ctx: ActionContext, raw: unknown): Promise<AccessRequestView> {
  const input = parseInput(createRequestInput, raw);
  const { actor } = ctx;
  const now = ctx.now ?? new Date();
  const startsAt = input.startsAt ? new Date(input.startsAt) : null;
  if (startsAt && (startsAt <= now || startsAt.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS)) {
    throw invalidInput("startsAt must be in the future and at most 7 days ahead.");
  }
  if (startsAt && input.emergency) throw invalidInput("A break-glass grant starts now; it cannot be scheduled.");
  await assertUnderRateLimit(actor.id, now);
  try {
    return await inTransaction(async (tx) => {
      const connection = await tx.connection.findUnique({ where: { name: input.connection }, include: connectionForRequestInclude });
      if (!connection) throw notFound(`Unknown connection "${input.connection}".`);

      if (input.emergency) {
        if (!connection.breakGlassGroups.some((g) => actor.groupIds.has(g.groupId))) {
          throw forbidden(`You are not in a break-glass group of ${connection.name}.`);
        }
        if (!input.reason) throw invalidInput("A break-glass grant needs a reason.");
      }
      const maxSeconds = input.emergency ? connection.breakGlassMaxSeconds : connection.maxDurationSeconds;
      let durationSeconds = Math.min(connection.defaultDurationSeconds, maxSeconds);
      if (input.duration !== undefined) {
        const parsed = parseDuration(input.duration);
        if (!parsed.ok) throw invalidInput(parsed.message);
        durationSeconds = parsed.seconds;
      }
      if (durationSeconds > maxSeconds) {
        const what = input.emergency ? "break-glass maximum" : "maximum";
        throw invalidInput(`${formatDuration(durationSeconds)} is above the ${what} of ${formatDuration(maxSeconds)} for ${connection.name}.`);
      }
      const problems = requestPolicyProblems(connection, { reason: input.reason, ticket: input.ticket });
      if (problems.length) throw invalidInput(problems.join(" "));

      const request = await insertRequest(tx, { actor, meta: ctx.meta, now }, {
        connection,
        durationSeconds,
        reason: input.reason,
        ticket: input.ticket,
        startsAt,
        emergency: input.emergency,
      });
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
