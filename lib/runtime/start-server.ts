import { env } from "@/lib/env";
import { bootstrapAdmin } from "@/lib/tokens/bootstrap-admin";
import { startExpiryScheduler } from "@/lib/runtime/expiry-scheduler";
import { startOutboxWorker } from "@/lib/runtime/outbox-worker";

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
  if (config.TIMEBOX_BOOTSTRAP_ADMIN_TOKEN) {
    await bootstrapAdmin(config.TIMEBOX_BOOTSTRAP_ADMIN_EMAIL, config.TIMEBOX_BOOTSTRAP_ADMIN_TOKEN);
  }
  if (config.TIMEBOX_SCHEDULER) {
    startExpiryScheduler(config.TIMEBOX_SWEEP_INTERVAL_SECONDS);
    startOutboxWorker(config.TIMEBOX_OUTBOX_INTERVAL_MS);
  }
}
