import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "tbx_";

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Tokens are random 256-bit secrets, so a fast unsalted hash is enough to make the stored value useless. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
