import { expireGrants } from "@/lib/access/expire-grants";

/**
 * Self-hosted trigger for the expiry sweep. Ticks never overlap within a process;
 * across instances the sweep itself guarantees each grant expires once.
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
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
