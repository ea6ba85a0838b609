import type { Tx } from "@/lib/db";
import { enqueueJobs, type NewJob } from "@/lib/outbox/enqueue-job";
import type { RequestEvent } from "@/lib/access/publish-request-event";
import { roleNameFor } from "@/lib/provisioning/role-name";
import {
  ACTIVATE_MAX_ATTEMPTS,
  DEACTIVATE_MAX_ATTEMPTS,
  PROVISION_ACTIVATE_JOB,
  PROVISION_DEACTIVATE_JOB,
  PROVISION_EXTEND_JOB,
  activateJobKey,
  deactivateJobKey,
} from "@/lib/provisioning/jobs";

/**
 * Runs inside every transition's transaction (called by publishRequestEvents): an
 * approval on a provisioned connection opens a grant and queues its activation; a
 * revoke or expiry marks the grant as ending, forgets its password and queues the
 * removal. Queued in the same transaction, the work exists if and only if the
 * transition commits, and the commit wakes the outbox worker at once.
 */
export async function queueGrantWork(tx: Tx, events: RequestEvent[]): Promise<void> {
  const approved = events.filter((e) => e.type === "request.approved");
  if (approved.length) await openGrants(tx, approved);
  const extended = events.filter((e) => e.type === "request.extended");
  if (extended.length) await extendGrants(tx, extended);
  for (const reason of ["revoked", "expired"] as const) {
    const ended = events.filter((e) => e.type === `request.${reason}`);
    if (ended.length) await endGrants(tx, ended, reason);
  }
}

async function openGrants(tx: Tx, events: RequestEvent[]): Promise<void> {
  const requests = await tx.accessRequest.findMany({
    // An approved extension moves its grant's expiry (request.extended); it has no access of its own.
    where: {
      id: { in: events.map((e) => e.requestId) },
      extendsRequestId: null,
      connection: { provisioner: { kind: { in: ["postgres", "webhook"] } } },
    },
    select: {
      id: true,
      connectionId: true,
      startsAt: true,
      requester: { select: { email: true } },
      connection: { select: { provisioner: { select: { kind: true } } } },
    },
  });
  if (!requests.length) return;
  await tx.accessGrant.createMany({
    data: requests.map((r) => {
      const kind = r.connection.provisioner!.kind;
      return {
        requestId: r.id,
        connectionId: r.connectionId,
        provisioner: kind,
        status: "PROVISIONING" as const,
        roleName: kind === "postgres" ? roleNameFor(r.requester.email, r.id) : null,
      };
    }),
    skipDuplicates: true,
  });
  await enqueueJobs(
    tx,
    requests.map(
      (r): NewJob => ({
        kind: PROVISION_ACTIVATE_JOB,
        payload: { requestId: r.id },
        dedupeKey: activateJobKey(r.id),
        requestId: r.id,
        maxAttempts: ACTIVATE_MAX_ATTEMPTS,
        // A scheduled grant gets its access when its window opens, not at approval.
        ...(r.startsAt && r.startsAt.getTime() > Date.parse(events[0]!.at) ? { runAt: r.startsAt } : {}),
      }),
    ),
  );
}

/** A grant's expiry moved: its login's VALID UNTIL (or the webhook receiver) follows. */
async function extendGrants(tx: Tx, events: RequestEvent[]): Promise<void> {
  const open = await tx.accessGrant.findMany({
    where: { requestId: { in: events.map((e) => e.requestId) }, status: { in: ["PROVISIONING", "ACTIVE", "FAILED"] } },
    select: { requestId: true },
  });
  const at = new Map(events.map((e) => [e.requestId, e.at]));
  await enqueueJobs(
    tx,
    open.map(
      (g): NewJob => ({
        kind: PROVISION_EXTEND_JOB,
        payload: { requestId: g.requestId },
        dedupeKey: `${PROVISION_EXTEND_JOB}:${g.requestId}:${at.get(g.requestId)}`,
        requestId: g.requestId,
        maxAttempts: ACTIVATE_MAX_ATTEMPTS,
      }),
    ),
  );
}

async function endGrants(tx: Tx, events: RequestEvent[], reason: "revoked" | "expired"): Promise<void> {
  const open = await tx.accessGrant.findMany({
    where: { requestId: { in: events.map((e) => e.requestId) }, status: { in: ["PROVISIONING", "ACTIVE", "FAILED"] } },
    select: { requestId: true },
  });
  if (!open.length) return;
  const ids = open.map((g) => g.requestId);
  await tx.accessGrant.updateMany({
    where: { requestId: { in: ids } },
    data: {
      status: "DEPROVISIONING",
      passwordCiphertext: null,
      endReason: reason,
      endRequestedAt: new Date(events[0]!.at),
      attempts: 0,
      lastError: null,
      lastErrorAt: null,
    },
  });
  await enqueueJobs(
    tx,
    ids.map(
      (id): NewJob => ({
        kind: PROVISION_DEACTIVATE_JOB,
        payload: { requestId: id },
        dedupeKey: deactivateJobKey(id),
        requestId: id,
        maxAttempts: DEACTIVATE_MAX_ATTEMPTS,
      }),
    ),
  );
}
