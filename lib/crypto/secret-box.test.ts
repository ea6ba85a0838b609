import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decryptSecret, encryptSecret, parseKey, SecretDecryptionError } from "@/lib/crypto/secret-box";
import { parseEnv } from "@/lib/env";

const key = randomBytes(32);

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips any text, with a fresh IV every time", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const a = encryptSecret(text, "p", key);
        expect(decryptSecret(a, "p", key)).toBe(text);
        expect(encryptSecret(text, "p", key)).not.toBe(a);
      }),
    );
  });

  it("never contains the plaintext", () => {
    const url = "postgresql://admin:hunter2-very-secret@db.internal:5432/app";
    const sealed = encryptSecret(url, "connection:c1:admin-url", key);
    expect(sealed).not.toContain("hunter2");
    expect(sealed).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("refuses a ciphertext moved to another purpose, tampered with, or under another key", () => {
    const sealed = encryptSecret("s3cret", "grant:r1:password", key);
    expect(() => decryptSecret(sealed, "grant:r2:password", key)).toThrow(SecretDecryptionError);
    const parts = sealed.split(".");
    parts[4] = Buffer.from("x" + Buffer.from(parts[4]!, "base64url").toString("latin1"), "latin1").toString("base64url");
    expect(() => decryptSecret(parts.join("."), "grant:r1:password", key)).toThrow(/integrity/);
    expect(() => decryptSecret(sealed, "grant:r1:password", randomBytes(32))).toThrow(/different TIMEBOX_ENCRYPTION_KEY/);
    expect(() => decryptSecret("garbage", "grant:r1:password", key)).toThrow(/format/);
  });

  it("accepts the key as base64 or hex", () => {
    expect(parseKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseKey(key.toString("hex")).equals(key)).toBe(true);
  });
});

describe("TIMEBOX_ENCRYPTION_KEY validation", () => {
  it("names the variable when the key is malformed", () => {
    expect(() => parseEnv({ TIMEBOX_ENCRYPTION_KEY: "too-short" })).toThrow(/TIMEBOX_ENCRYPTION_KEY: must be 32 random bytes/);
    expect(() => parseEnv({ TIMEBOX_ENCRYPTION_KEY: randomBytes(16).toString("base64") })).toThrow(/TIMEBOX_ENCRYPTION_KEY/);
  });

  it("accepts 32 bytes in base64 or hex, and no key at all", () => {
    expect(parseEnv({ TIMEBOX_ENCRYPTION_KEY: key.toString("base64") }).TIMEBOX_ENCRYPTION_KEY).toBeDefined();
    expect(parseEnv({ TIMEBOX_ENCRYPTION_KEY: key.toString("hex") }).TIMEBOX_ENCRYPTION_KEY).toBeDefined();
    expect(parseEnv({}).TIMEBOX_ENCRYPTION_KEY).toBeUndefined();
  });
});
