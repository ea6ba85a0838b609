import type { Tx } from "@/lib/db";
import { enqueueJobs, type NewJob } from "@/lib/outbox/enqueue-job";
import type { RequestEvent } from "@/lib/access/publish-request-event";
import { roleNameFor } from "@/lib/provisioning/role-name";
import {
  ACTIVATE_MAX_ATTEMPTS,
  DEACTIVATE_MAX_ATTEMPTS,
  PROVISION_ACTIVATE_JOB,
  PROVISION_DEACTIVATE_JOB,
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
  for (const reason of ["revoked", "expired"] as const) {
    const ended = events.filter((e) => e.type === `request.${reason}`);
    if (ended.length) await endGrants(tx, ended, reason);
  }
}

async function openGrants(tx: Tx, events: RequestEvent[]): Promise<void> {
  const requests = await tx.accessRequest.findMany({
    where: { id: { in: events.map((e) => e.requestId) }, connection: { provisioner: { kind: { in: ["postgres", "webhook"] } } } },
    select: { id: true, connectionId: true, requester: { select: { email: true } }, connection: { select: { provisioner: { select: { kind: true } } } } },
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
