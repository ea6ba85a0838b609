/** Replaces every secret (and its URL-encoded form) in a message, so errors are safe to store and show. */
export function scrub(message: string, secrets: string[]): string {
  let out = message;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("[redacted]");
  }
  return out.slice(0, 2000);
}
