import { env } from "@/lib/env";
import { db } from "@/lib/db";
import { syncAuditForwarding } from "@/lib/audit/sync-forwarding";
import { bootstrapAdmin } from "@/lib/tokens/bootstrap-admin";
import { startExpiryScheduler } from "@/lib/runtime/expiry-scheduler";
import { startOutboxWorker } from "@/lib/runtime/outbox-worker";
import { PROVISION_ACTIVATE_JOB, PROVISION_DEACTIVATE_JOB, PROVISION_EXTEND_JOB, PROVISIONING_JOB_KINDS } from "@/lib/provisioning/jobs";

/** Runs once per server process: validates configuration first, so a bad setting stops start-up. */
export async function startServer(): Promise<void> {
  try {
    await startBackgroundWork();
  } catch (error) {
    // A bad setting must stop the process, not leave a half-configured server running.
    console.error((error as Error).message);
    process.exit(1);
  }
}

async function startBackgroundWork(): Promise<void> {
  const config = env();
  await syncAuditForwarding(db(), Boolean(config.TIMEBOX_AUDIT_WEBHOOK_URL));
  if (config.TIMEBOX_BOOTSTRAP_ADMIN_TOKEN) {
    await bootstrapAdmin(config.TIMEBOX_BOOTSTRAP_ADMIN_EMAIL, config.TIMEBOX_BOOTSTRAP_ADMIN_TOKEN);
  }
  if (config.TIMEBOX_SCHEDULER) {
    startExpiryScheduler(config.TIMEBOX_SWEEP_INTERVAL_SECONDS);
    // Provisioning runs in a lane of its own, so removing access never waits behind a slow
    // notification; within it, pending removals go before each single activation attempt.
    startOutboxWorker(config.TIMEBOX_OUTBOX_INTERVAL_MS, { excludeKinds: PROVISIONING_JOB_KINDS });
    startOutboxWorker(config.TIMEBOX_OUTBOX_INTERVAL_MS, [
      { kinds: [PROVISION_DEACTIVATE_JOB] },
      { kinds: [PROVISION_ACTIVATE_JOB, PROVISION_EXTEND_JOB], limit: 1 },
    ]);
  }
}
