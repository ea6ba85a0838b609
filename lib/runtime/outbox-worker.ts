import { dispatchJobs } from "@/lib/outbox/dispatch-jobs";
import { onOutboxWake } from "@/lib/outbox/wake";

/**
 * Self-hosted trigger for the outbox: a steady tick, plus an immediate run whenever
 * this process commits new jobs. Runs never overlap within a process; a wake during
 * a run schedules one more run right after it.
 */
type LaneFilter = { kinds?: string[]; excludeKinds?: string[]; limit?: number };

/**
 * `lane` picks the jobs this worker runs; a list of filters is run in order on every
 * pass, so earlier filters go first (the provisioning lane removes access before it
 * creates any).
 */
export function startOutboxWorker(intervalMs: number, lane: LaneFilter | LaneFilter[] = {}): () => void {
  const filters = Array.isArray(lane) ? lane : [lane];
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (const filter of filters) {
          const { claimed } = await dispatchJobs(filter);
          if (claimed > 0) again = true;
        }
      } while (again);
    } catch (error) {
      console.error("Timebox: outbox dispatch failed; retrying next tick:", (error as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  const stopListening = onOutboxWake(() => void run());
  void run();
  return () => {
    clearInterval(timer);
    stopListening();
  };
}
