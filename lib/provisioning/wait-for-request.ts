import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import type { Actor } from "@/lib/permissions";
import { getRequest } from "@/lib/access/get-request";
import { isGrantLive, type AccessRequestView } from "@/lib/access/request-view";
import { onOutboxWake } from "@/lib/outbox/wake";
import { onGrantChange } from "@/lib/provisioning/changes";
import { getGrant, type GrantView } from "@/lib/provisioning/grant-view";

export const waitQuery = z.object({
  /** The fingerprint of the state the caller already has; the answer comes when it differs. */
  since: z.string().max(100).optional(),
  timeout: z.coerce.number({ error: "timeout is whole seconds from 0 to 60" }).int().min(0).max(60).default(25),
});

export type WaitResult = { changed: boolean; fingerprint: string; request: AccessRequestView; grant: GrantView };

/** Everything a waiting client reacts to: the request's status and whether it is live, and the grant's progress. */
async function fingerprintOf(id: string, now: Date): Promise<string | null> {
  const rows = await db().$queryRaw<
    { status: string; expires_at: Date | null; starts_at: Date | null; extends: string | null; g_status: string | null; attempts: number | null; err_at: Date | null }[]
  >`
    SELECT r.status, r.expires_at, r.starts_at, r.extends_request_id AS extends, g.status AS g_status, g.attempts, g.last_error_at AS err_at
    FROM access_requests r LEFT JOIN access_grants g ON g.request_id = r.id
    WHERE r.id = ${id}`;
  const r = rows[0];
  if (!r) return null;
  const active = isGrantLive({ status: r.status, expiresAt: r.expires_at, startsAt: r.starts_at, extendsRequestId: r.extends }, now);
  // The expiry is in it: an extension changes what a waiting client shows.
  const parts = [r.status, active, r.expires_at?.getTime(), r.g_status, r.attempts, r.err_at?.getTime()].join("|");
  return createHash("sha256").update(parts).digest("base64url").slice(0, 16);
}

const POLL_MS = 1_000;

/**
 * GET /api/v1/access-requests/{id}/wait: a long-poll. Answers at once when the state
 * differs from `since` (or no `since` is given), else holds the request until it
 * changes or `timeout` seconds pass. Commits in this process wake it immediately;
 * a one-second check covers changes made by other instances.
 */
export async function waitForRequest(actor: Actor, id: string, raw: unknown, signal?: AbortSignal): Promise<WaitResult> {
  const { since, timeout } = parseInput(waitQuery, raw);
  // Authorizes (404 for requests the caller may not see) before holding anything open.
  await getRequest(actor, id);
  const deadline = Date.now() + timeout * 1000;
  let current = await fingerprintOf(id, new Date());
  if (since !== undefined && current === since) {
    let wake: () => void = () => undefined;
    const stopWake = onOutboxWake(() => wake());
    const stopGrant = onGrantChange((changed) => changed === id && wake());
    const onAbort = () => wake();
    signal?.addEventListener("abort", onAbort);
    try {
      while (current === since && Date.now() < deadline && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
          wake = () => {
            clearTimeout(timer);
            // Let the committing transaction's follow-up settle before reading.
            setTimeout(resolve, 25);
          };
        });
        if (signal?.aborted) break;
        current = await fingerprintOf(id, new Date());
      }
    } finally {
      stopWake();
      stopGrant();
      signal?.removeEventListener("abort", onAbort);
    }
  }
  const now = new Date();
  // One after the other: a waiting client is never in a hurry, and the database sees one query at a time.
  const request = await getRequest(actor, id, now);
  const grant = await getGrant(actor, id, now);
  const fingerprint = (await fingerprintOf(id, now)) ?? "";
  return { changed: fingerprint !== since, fingerprint, request, grant };
}
