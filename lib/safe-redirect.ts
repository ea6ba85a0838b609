/**
 * A post-sign-in destination taken from the URL, kept only when it is a path on
 * this site: "//evil.example" and "https://…" would make sign-in an open redirect.
 */
export function safeRedirectPath(candidate: unknown, fallback = "/requests"): string {
  if (typeof candidate !== "string" || !candidate.startsWith("/")) return fallback;
  if (candidate.startsWith("//") || candidate.startsWith("/\\") || /[\u0000-\u001f]/.test(candidate)) return fallback;
  // Sign-in must not send people back to sign-in.
  if (candidate === "/signin" || candidate.startsWith("/signin?") || candidate.startsWith("/api/auth")) return fallback;
  return candidate;
}
