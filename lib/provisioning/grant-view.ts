import { db, type Db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { canView, type Actor } from "@/lib/permissions";
import type { AccessGrant, GrantStatus } from "@/lib/generated/prisma/client";
import { ruleOf } from "@/lib/access/lock-request";
import { isGrantLive, loadRequestRow, type RequestRow } from "@/lib/access/request-view";

export type GrantView = {
  requestId: string;
  provisioner: "none" | "postgres" | "webhook";
  /** null for `none`: Timebox tracks the grant, something else enforces it. */
  status: GrantStatus | null;
  /** In words, for people: what is happening to the access right now. */
  summary: string;
  role: string | null;
  attempts: number;
  lastError: string | null;
  lastErrorAt: string | null;
  activatedAt: string | null;
  endReason: string | null;
  endedAt: string | null;
  terminatedSessions: number | null;
  /** The viewer may reveal the connection details now (the requester, while the grant is ACTIVE and unexpired). */
  canReveal: boolean;
  /** What a retry would do for this viewer now, if anything. */
  canRetry: "provision" | "deprovision" | null;
};

function summarize(grant: AccessGrant | null, row: RequestRow, now: Date): string {
  if (!grant) {
    return row.status === "APPROVED"
      ? "No provisioner: access is tracked in Timebox and enforced elsewhere."
      : "No provisioner on this connection.";
  }
  const target = grant.provisioner === "postgres" ? "database login" : "webhook receiver";
  switch (grant.status) {
    case "PROVISIONING":
      if (row.startsAt && row.startsAt > now && !grant.lastError) {
        return `The grant starts at ${row.startsAt.toISOString()}; the ${target} is set up then.`;
      }
      return grant.lastError
        ? `Setting up the ${target} failed (attempt ${grant.attempts}); retrying automatically.`
        : `Setting up the ${target}…`;
    case "ACTIVE":
      return grant.provisioner === "postgres" ? "Database login ready." : "The webhook receiver confirmed the grant.";
    case "FAILED":
      return `Setting up the ${target} failed. Access is approved but not usable until a retry succeeds.`;
    case "DEPROVISIONING":
      return grant.provisioner === "postgres" ? "Removing the database login…" : "Telling the webhook receiver the grant ended…";
    case "DEPROVISION_FAILED":
      return grant.provisioner === "postgres"
        ? "The database login could not be removed yet; retrying. Admins have been alerted."
        : "The webhook receiver has not confirmed the end of the grant yet; retrying. Admins have been alerted.";
    case "ENDED":
      return grant.provisioner === "postgres"
        ? `Database login removed${grant.terminatedSessions ? `; ${grant.terminatedSessions} open session${grant.terminatedSessions === 1 ? "" : "s"} ended` : ""}.`
        : "The webhook receiver confirmed the end of the grant.";
  }
}

export function toGrantView(grant: AccessGrant | null, row: RequestRow, actor: Actor, now = new Date()): GrantView {
  const active = isGrantLive(row, now);
  let canRetry: GrantView["canRetry"] = null;
  if (grant && active && (grant.status === "FAILED" || (grant.status === "PROVISIONING" && grant.lastError))) {
    if (actor.isAdmin || actor.id === row.requesterId) canRetry = "provision";
  }
  if (grant && grant.status === "DEPROVISION_FAILED" && actor.isAdmin) canRetry = "deprovision";
  return {
    requestId: row.id,
    provisioner: grant?.provisioner ?? "none",
    status: grant?.status ?? null,
    summary: summarize(grant, row, now),
    role: grant?.roleName ?? null,
    attempts: grant?.attempts ?? 0,
    lastError: grant?.lastError ?? null,
    lastErrorAt: grant?.lastErrorAt?.toISOString() ?? null,
    activatedAt: grant?.activatedAt?.toISOString() ?? null,
    endReason: grant?.endReason ?? null,
    endedAt: grant?.endedAt?.toISOString() ?? null,
    terminatedSessions: grant?.terminatedSessions ?? null,
    canReveal: Boolean(grant && grant.provisioner === "postgres" && grant.status === "ACTIVE" && active && actor.id === row.requesterId),
    canRetry,
  };
}

/** Loads a request the actor may see (404 otherwise, as for the request itself) and its grant. */
export async function loadVisibleGrant(actor: Actor, requestId: string, client: Db | Tx = db()) {
  const row = await loadRequestRow(client, requestId);
  if (!row || !canView(actor, row.requesterId, ruleOf(row))) throw notFound(`No access request with id "${requestId}".`);
  const grant = await client.accessGrant.findUnique({ where: { requestId } });
  return { row, grant };
}

/** GET /api/v1/access-requests/{id}/grant: whether access really exists on the target, for anyone who can see the request. */
export async function getGrant(actor: Actor, requestId: string, now = new Date()): Promise<GrantView> {
  const { row, grant } = await loadVisibleGrant(actor, requestId);
  return toGrantView(grant, row, actor, now);
}
