import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Secrets at rest (target admin URLs, grant passwords, webhook signing secrets):
 * AES-256-GCM with the key in TIMEBOX_ENCRYPTION_KEY. Every ciphertext is bound to
 * what it protects (the `purpose`, used as associated data), so a ciphertext copied
 * into another row or column does not decrypt.
 *
 * Format: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id is a
 * short fingerprint of the key, so a wrong or rotated key gives a clear error.
 */

const VERSION = "v1";

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
}

function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}

function currentKey(): Buffer {
  const configured = env().TIMEBOX_ENCRYPTION_KEY;
  if (!configured) {
    throw new AppError(
      "unavailable",
      "TIMEBOX_ENCRYPTION_KEY is not set: Timebox needs it to store provisioner secrets and grant passwords (openssl rand -base64 32).",
    );
  }
  return parseKey(configured);
}

export function hasEncryptionKey(): boolean {
  return Boolean(env().TIMEBOX_ENCRYPTION_KEY);
}

export function encryptSecret(plaintext: string, purpose: string, key: Buffer = currentKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyId(key), iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export class SecretDecryptionError extends Error {}

export function decryptSecret(sealed: string, purpose: string, key: Buffer = currentKey()): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretDecryptionError("The stored secret is not in a format this Timebox understands.");
  const [, id, iv, tag, data] = parts as [string, string, string, string, string];
  if (id !== keyId(key)) {
    throw new SecretDecryptionError(
      "The stored secret was encrypted with a different TIMEBOX_ENCRYPTION_KEY; restore that key or re-enter the secret.",
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("The stored secret failed its integrity check (tampered with, or stored for something else).");
  }
}
