import { expireGrants } from "@/lib/access/expire-grants";
import { foldInsightDeltas } from "@/lib/insights/fold-insights";

/**
 * Self-hosted trigger for the expiry sweep, and the fold of the insight rollups' deltas.
 * Ticks never overlap within a process; across instances the sweep itself guarantees each
 * grant expires once, and one instance folds at a time.
 */
export function startExpiryScheduler(intervalSeconds: number): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const { expired } = await expireGrants();
      if (expired) console.log(`Timebox: expired ${expired} grant(s)`);
    } catch (error) {
      console.error("Timebox: expiry sweep failed; retrying next tick:", (error as Error).message);
    }
    try {
      await foldInsightDeltas();
    } catch (error) {
      console.error("Timebox: folding insight deltas failed; retrying next tick:", (error as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
