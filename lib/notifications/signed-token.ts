import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/** What a signed link is for; each purpose has its own key, so a token never works for another. */
export type TokenPurpose = "email-action" | "slack-link";

function keyFor(purpose: TokenPurpose, secret = env().AUTH_SECRET): Buffer {
  if (!secret) throw new Error("AUTH_SECRET is not set: signed links (approve by email, Slack linking) need it.");
  return createHmac("sha256", secret).update(`timebox/${purpose}/v1`).digest();
}

const mac = (key: Buffer, purpose: TokenPurpose, body: string) => createHmac("sha256", key).update(`${purpose}.${body}`).digest();

/** A URL-safe token: base64url(JSON claims) "." base64url(HMAC-SHA256). Claims are readable, not secret. */
export function signToken(purpose: TokenPurpose, claims: Record<string, string | number>, secret?: string): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${mac(keyFor(purpose, secret), purpose, body).toString("base64url")}`;
}

/** The claims of a token this deployment signed for this purpose, or null when it is malformed or tampered with. */
export function verifyToken<T extends Record<string, unknown>>(purpose: TokenPurpose, token: string, secret?: string): T | null {
  if (typeof token !== "string" || token.length > 2048) return null;
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [body, signature] = parts as [string, string];
  const expected = mac(keyFor(purpose, secret), purpose, body);
  const given = Buffer.from(signature, "base64url");
  // Compare in constant time; the length check only reveals the (public) MAC size.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return claims && typeof claims === "object" && !Array.isArray(claims) ? (claims as T) : null;
  } catch {
    return null;
  }
}

/** 128 random bits: the single-use identity of a link. */
export function newNonce(): string {
  return randomBytes(16).toString("base64url");
}
