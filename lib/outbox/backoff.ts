const BASE_MS = 5_000;
const CAP_MS = 30 * 60_000;

/** Exponential backoff after the n-th failed attempt (1-based): 5 s, 10 s, 20 s … capped at 30 min. */
export function retryDelayMs(attempt: number): number {
  return Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
}
