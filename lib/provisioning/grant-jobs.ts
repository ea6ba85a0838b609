import { randomBytes } from "node:crypto";
import { db, inTransaction, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PermanentJobError, type ClaimedJob, type JobHandler } from "@/lib/outbox/job-handler";
import { recordEvent } from "@/lib/audit/record-event";
import { publishRequestEvents } from "@/lib/access/publish-request-event";
import { formatDuration } from "@/lib/access/duration";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { grantChanged } from "@/lib/provisioning/changes";
import { createLoginRole, dropLoginRole, parseAdminUrl, setRoleValidUntil, TargetError } from "@/lib/provisioning/postgres-target";
import { isGrantLive } from "@/lib/access/request-view";
import { deliverWebhook, WebhookError, type WebhookEvent } from "@/lib/provisioning/webhook";
import { scrub } from "@/lib/provisioning/scrub";
import { queueGrantAlerts } from "@/lib/provisioning/grant-alerts";
import { clientAddress, grantPasswordPurpose, provisionerSecrets, type ProvisionerRow } from "@/lib/provisioning/provisioner-secrets";
import { enqueueJobs } from "@/lib/outbox/enqueue-job";
import { DEACTIVATE_MAX_ATTEMPTS, PROVISION_DEACTIVATE_JOB, deactivateJobKey } from "@/lib/provisioning/jobs";

const grantInclude = {
  request: {
    include: {
      connection: { include: { provisioner: true } },
      requester: { select: { id: true, email: true, name: true } },
    },
  },
} satisfies Prisma.AccessGrantInclude;

type GrantRow = Prisma.AccessGrantGetPayload<{ include: typeof grantInclude }>;

/** 24 random bytes: 192 bits, URL- and shell-safe, and plain ASCII for SCRAM. */
export function generatePassword(): string {
  return randomBytes(24).toString("base64url");
}

async function loadGrant(job: ClaimedJob): Promise<GrantRow> {
  const requestId = String(job.payload.requestId ?? job.requestId ?? "");
  const grant = await db().accessGrant.findUnique({ where: { requestId }, include: grantInclude });
  if (!grant) throw new PermanentJobError(`No grant for request "${requestId}".`);
  return grant;
}

/** The connection's current provisioner, which must still be the kind the grant was made with. */
function configFor(grant: GrantRow): ProvisionerRow {
  const config = grant.request.connection.provisioner;
  if (!config || config.kind !== grant.provisioner) {
    throw new TargetError(
      `${grant.request.connection.name} no longer has a ${grant.provisioner} provisioner configured; restore it, then retry${grant.roleName ? ` (or drop role ${grant.roleName} by hand)` : ""}.`,
      true,
    );
  }
  return config;
}

/** provision.activate: create the grant's access on the target, then mark it ACTIVE. */
export const activateGrant: JobHandler = async (job, now) => {
  const grant = await loadGrant(job);
  if (grant.status !== "PROVISIONING" && grant.status !== "FAILED") return { skipped: `grant is ${grant.status}` };
  const request = grant.request;
  if (request.status !== "APPROVED" || !request.expiresAt || request.expiresAt <= new Date()) {
    return { skipped: `request is ${request.status}${request.status === "APPROVED" ? " and expired" : ""}` };
  }
  if (request.startsAt && request.startsAt > new Date()) {
    // Queued to run at the start; early only by clock skew or a lapsed lease. Try again shortly.
    throw new Error(`The grant starts at ${request.startsAt.toISOString()}; its access is created then.`);
  }
  let secrets: string[] = [];
  try {
    const config = configFor(grant);
    const decrypted = provisionerSecrets(config);
    secrets = decrypted.all;
    if (grant.provisioner === "postgres") {
      const adminUrl = decrypted.adminUrl!;
      const target = parseAdminUrl(adminUrl);
      const address = clientAddress(config, target);
      const password = generatePassword();
      secrets.push(password);
      await createLoginRole(adminUrl, {
        role: grant.roleName!,
        password,
        validUntil: request.expiresAt,
        connectionLimit: config.connectionLimit,
        memberOf: config.grantRoles,
      });
      const activated = await markActive(grant, {
        passwordCiphertext: encryptSecret(password, grantPasswordPurpose(grant.requestId)),
        host: address.host,
        port: address.port,
        database: target.database,
        sslMode: target.sslMode,
      });
      if (!activated) {
        // Revoked or expired while the role was being made: the removal may already have
        // run and found nothing, so make sure it runs again.
        await requeueRemoval(grant.requestId);
        return { skipped: "grant ended during activation; removal re-queued" };
      }
    } else {
      await deliverWebhook(decrypted.webhookUrl!, decrypted.webhookSecret!, await webhookEvent(grant, "grant.activated"), now);
      if (!(await markActive(grant, {}))) {
        await requeueRemoval(grant.requestId);
        return { skipped: "grant ended during activation; grant.ended re-queued" };
      }
    }
    return { activated: true, provisioner: grant.provisioner };
  } catch (error) {
    throw await recordFailure(grant, job, "activate", error, secrets);
  }
};

/** Conditional: only a grant still waiting for activation becomes ACTIVE. */
async function markActive(grant: GrantRow, data: Prisma.AccessGrantUpdateManyMutationInput): Promise<boolean> {
  const activated = await inTransaction(async (tx) => {
    const { count } = await tx.accessGrant.updateMany({
      where: { requestId: grant.requestId, status: { in: ["PROVISIONING", "FAILED"] } },
      data: { ...data, status: "ACTIVE", activatedAt: new Date(), lastError: null, lastErrorAt: null, attempts: { increment: 1 } },
    });
    if (count) {
      await recordEvent(tx, { actor: null }, {
        action: "grant.activated",
        targetType: "access_grant",
        targetId: grant.requestId,
        requestId: grant.requestId,
        connectionId: grant.connectionId,
        data: { provisioner: grant.provisioner, ...(grant.roleName ? { role: grant.roleName } : {}) },
      });
    }
    return count > 0;
  });
  grantChanged(grant.requestId);
  return activated;
}

/**
 * A fresh removal job (a removal may be running elsewhere right now, so the existing job
 * row is not reused); `force` makes it run even if that other removal marks the grant ENDED.
 */
async function requeueRemoval(requestId: string): Promise<void> {
  await inTransaction(async (tx) => {
    await tx.accessGrant.updateMany({ where: { requestId, status: "ENDED" }, data: { status: "DEPROVISIONING", endedAt: null } });
    await enqueueJobs(tx, [
      {
        kind: PROVISION_DEACTIVATE_JOB,
        payload: { requestId, force: true },
        dedupeKey: `${deactivateJobKey(requestId)}:after-activation:${Date.now()}`,
        requestId,
        maxAttempts: DEACTIVATE_MAX_ATTEMPTS,
      },
    ]);
  });
}

/**
 * provision.extend: the grant's expiry moved. An ACTIVE postgres login gets the new
 * VALID UNTIL; a webhook receiver gets grant.extended. A grant still being set up is
 * retried shortly (activation may have read the old expiry); a failed one is left to
 * its retry, which reads the current expiry.
 */
export const extendGrant: JobHandler = async (job, now) => {
  const grant = await loadGrant(job);
  const request = grant.request;
  if (grant.status === "PROVISIONING") throw new Error("The grant's access is still being set up; extending it after that.");
  if (grant.status !== "ACTIVE" || !isGrantLive(request, new Date())) return { skipped: `grant is ${grant.status}` };
  let secrets: string[] = [];
  try {
    const config = configFor(grant);
    const decrypted = provisionerSecrets(config);
    secrets = decrypted.all;
    if (grant.provisioner === "postgres") {
      await setRoleValidUntil(decrypted.adminUrl!, grant.roleName!, request.expiresAt!);
    } else {
      await deliverWebhook(decrypted.webhookUrl!, decrypted.webhookSecret!, await webhookEvent(grant, "grant.extended"), now);
    }
    await inTransaction((tx) =>
      recordEvent(tx, { actor: null }, {
        action: "grant.extended",
        targetType: "access_grant",
        targetId: grant.requestId,
        requestId: grant.requestId,
        connectionId: grant.connectionId,
        data: { provisioner: grant.provisioner, expiresAt: request.expiresAt!.toISOString(), ...(grant.roleName ? { role: grant.roleName } : {}) },
      }),
    );
    return { extended: true, expiresAt: request.expiresAt!.toISOString() };
  } catch (error) {
    const permanent = error instanceof PermanentJobError || ((error instanceof TargetError || error instanceof WebhookError) && error.permanent);
    const message = scrub((error as Error)?.message || String(error), secrets);
    if (permanent || job.attempts >= job.maxAttempts) {
      // The login keeps its earlier VALID UNTIL: it stops working early, never late.
      await inTransaction((tx) =>
        recordEvent(tx, { actor: null }, {
          action: "grant.extend_failed",
          targetType: "access_grant",
          targetId: grant.requestId,
          requestId: grant.requestId,
          connectionId: grant.connectionId,
          data: { provisioner: grant.provisioner, error: message },
        }),
      );
    }
    throw permanent ? new PermanentJobError(message) : new Error(message);
  }
};

/** provision.deactivate: remove the grant's access on the target; safe to run any number of times. */
export const deactivateGrant: JobHandler = async (job, now) => {
  const grant = await loadGrant(job);
  if (grant.status === "ENDED" && job.payload.force !== true) return { alreadyEnded: true };
  let secrets: string[] = [];
  try {
    const config = configFor(grant);
    const decrypted = provisionerSecrets(config);
    secrets = decrypted.all;
    let result: { role?: string; existed?: boolean; terminatedSessions?: number } = {};
    if (grant.provisioner === "postgres") {
      const dropped = await dropLoginRole(decrypted.adminUrl!, grant.roleName!);
      result = { role: grant.roleName!, ...dropped };
    } else {
      await deliverWebhook(decrypted.webhookUrl!, decrypted.webhookSecret!, await webhookEvent(grant, "grant.ended"), now);
    }
    await inTransaction(async (tx) => {
      await tx.accessGrant.update({
        where: { requestId: grant.requestId },
        data: {
          status: "ENDED",
          endedAt: new Date(),
          passwordCiphertext: null,
          lastError: null,
          lastErrorAt: null,
          attempts: { increment: 1 },
          ...(result.terminatedSessions !== undefined ? { terminatedSessions: result.terminatedSessions } : {}),
        },
      });
      await recordEvent(tx, { actor: null }, {
        action: "grant.deprovisioned",
        targetType: "access_grant",
        targetId: grant.requestId,
        requestId: grant.requestId,
        connectionId: grant.connectionId,
        data: {
          provisioner: grant.provisioner,
          reason: grant.endReason,
          ...result,
          ...(grant.status === "DEPROVISION_FAILED" ? { resolvesEarlierFailure: true } : {}),
        },
      });
    });
    grantChanged(grant.requestId);
    return { ended: true, ...result };
  } catch (error) {
    throw await recordFailure(grant, job, "deactivate", error, secrets);
  }
};

/**
 * Keeps the error on the grant (scrubbed of every secret), and on the attempt that gives up
 * (or a failure no retry fixes) flags it: FAILED for activation, DEPROVISION_FAILED for
 * removal (flagged on its first failure: access may still be live), each with one audit
 * event and one alert for the notification channels. Returns the error for the outbox.
 */
async function recordFailure(grant: GrantRow, job: ClaimedJob, direction: "activate" | "deactivate", error: unknown, secrets: string[]): Promise<Error> {
  const permanent = error instanceof PermanentJobError || ((error instanceof TargetError || error instanceof WebhookError) && error.permanent);
  const message = scrub((error as Error)?.message || String(error), secrets);
  const finalAttempt = permanent || job.attempts >= job.maxAttempts;
  const at = new Date();
  await inTransaction(async (tx) => {
    if (direction === "activate") {
      const { count } = await tx.accessGrant.updateMany({
        where: { requestId: grant.requestId, status: { in: ["PROVISIONING", "FAILED"] } },
        data: { lastError: message, lastErrorAt: at, attempts: { increment: 1 }, ...(finalAttempt ? { status: "FAILED" } : {}) },
      });
      if (count && finalAttempt) await flag(tx, grant, "grant.provision_failed", message, job, at);
    } else {
      const { count } = await tx.accessGrant.updateMany({
        where: { requestId: grant.requestId, status: { in: ["DEPROVISIONING", "DEPROVISION_FAILED", "ENDED"] } },
        data: { lastError: message, lastErrorAt: at, attempts: { increment: 1 }, status: "DEPROVISION_FAILED" },
      });
      if (count && grant.status !== "DEPROVISION_FAILED") await flag(tx, grant, "grant.deprovision_failed", message, job, at);
    }
  });
  grantChanged(grant.requestId);
  return permanent ? new PermanentJobError(message) : new Error(message);
}

async function flag(
  tx: Tx,
  grant: GrantRow,
  type: "grant.provision_failed" | "grant.deprovision_failed",
  message: string,
  job: ClaimedJob,
  at: Date,
): Promise<void> {
  await recordEvent(tx, { actor: null, now: at }, {
    action: type,
    targetType: "access_grant",
    targetId: grant.requestId,
    requestId: grant.requestId,
    connectionId: grant.connectionId,
    data: { provisioner: grant.provisioner, error: message, attempt: job.attempts, ...(grant.roleName ? { role: grant.roleName } : {}) },
  });
  await publishRequestEvents(tx, [{ type, requestId: grant.requestId, actorId: null, at: at.toISOString() }]);
  await queueGrantAlerts(tx, type, grant.requestId);
}

async function webhookEvent(grant: GrantRow, type: WebhookEvent["type"]): Promise<WebhookEvent> {
  const r = grant.request;
  const base = {
    requestId: r.id,
    connection: r.connection.name,
    user: { email: r.requester.email, name: r.requester.name },
    reason: r.reason,
    duration: formatDuration(r.durationSeconds),
    durationSeconds: r.durationSeconds,
    approvedAt: r.decidedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
  };
  if (type === "grant.activated") {
    return { id: `grant.activated:${r.id}`, type, createdAt: (r.decidedAt ?? grant.createdAt).toISOString(), data: base };
  }
  if (type === "grant.extended") {
    return { id: `grant.extended:${r.id}:${r.expiresAt?.toISOString()}`, type, createdAt: new Date().toISOString(), data: base };
  }
  const endedBy = r.endedById ? await db().user.findUnique({ where: { id: r.endedById }, select: { email: true } }) : null;
  const endedAt = (grant.endRequestedAt ?? r.endedAt ?? new Date()).toISOString();
  return {
    id: `grant.ended:${r.id}`,
    type,
    createdAt: endedAt,
    data: {
      ...base,
      endReason: grant.endReason ?? (r.status === "REVOKED" ? "revoked" : "expired"),
      endedAt,
      endedBy: endedBy?.email ?? null,
      note: r.endNote,
    },
  };
}

/** Exported for the dispatcher's handler table. */
export const grantJobHandlers = { activateGrant, deactivateGrant, extendGrant };
export type { GrantRow };
export function decryptGrantPassword(requestId: string, ciphertext: string): string {
  return decryptSecret(ciphertext, grantPasswordPurpose(requestId));
}
