import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";

const ITERATIONS = 4096;

/**
 * A PostgreSQL SCRAM-SHA-256 password verifier (the form `pg_authid.rolpassword` keeps).
 * Timebox sends this, never the password, in CREATE ROLE … PASSWORD, so the plaintext
 * cannot end up in the target server's statement log or pg_stat_statements.
 * The password must be plain ASCII (SASLprep is then the identity), which ours are.
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16), iterations = ITERATIONS): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** Whether `password` matches a SCRAM-SHA-256 verifier (used by tests and the connection test). */
export function scramVerifierMatches(verifier: string, password: string): boolean {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (!match) return false;
  return scramSha256Verifier(password, Buffer.from(match[2]!, "base64"), Number(match[1])) === verifier;
}
