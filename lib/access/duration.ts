export const MIN_DURATION_SECONDS = 60;
/** Far above any sensible grant; keeps parsed values well inside a 32-bit column. */
export const MAX_PARSEABLE_SECONDS = 366 * 24 * 3600;
export const DURATION_FORM = 'a number of hours and/or minutes such as "30m", "2h", "1h30m" or "90m"';

const pattern = /^(?:(\d{1,4})h)?(?:(\d{1,6})m)?$/;

export type ParsedDuration = { ok: true; seconds: number } | { ok: false; message: string };

export function parseDuration(input: unknown): ParsedDuration {
  if (typeof input !== "string") return { ok: false, message: `Duration must be a string: ${DURATION_FORM}.` };
  const text = input.trim().toLowerCase();
  const match = pattern.exec(text);
  if (!text || !match || (match[1] === undefined && match[2] === undefined)) {
    return { ok: false, message: `"${input.slice(0, 40)}" is not a duration; use ${DURATION_FORM}.` };
  }
  const seconds = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60;
  if (seconds < MIN_DURATION_SECONDS) return { ok: false, message: "A duration must be at least 1 minute." };
  if (seconds > MAX_PARSEABLE_SECONDS) return { ok: false, message: "A duration cannot be longer than 366 days." };
  return { ok: true, seconds };
}

/** Canonical form: "2h", "1h30m", "45m". Sub-minute remainders are dropped. */
export function formatDuration(seconds: number): string {
  const totalMinutes = Math.floor(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes}m`;
  return minutes === 0 ? `${hours}h` : `${hours}h${minutes}m`;
}
