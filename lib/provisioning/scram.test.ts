import { expect, it } from "vitest";
import { scramSha256Verifier, scramVerifierMatches } from "@/lib/provisioning/scram";

// What PostgreSQL 15 stored in pg_authid.rolpassword for CREATE ROLE … PASSWORD 'pencil'.
const FROM_POSTGRES =
  "SCRAM-SHA-256$4096:4NQcTPETgcCfAj3acdOXkA==$EINAj8fgge9R1KYyU02ABBEo3ZZSiHF/emfLRmnvTCI=:wRa4VUBRmrSYcHpnbRsFbYlM3ViWiW0brP76mB8qaRA=";

it("computes exactly the verifier PostgreSQL computes for the same password and salt", () => {
  const salt = Buffer.from("4NQcTPETgcCfAj3acdOXkA==", "base64");
  expect(scramSha256Verifier("pencil", salt, 4096)).toBe(FROM_POSTGRES);
  expect(scramVerifierMatches(FROM_POSTGRES, "pencil")).toBe(true);
  expect(scramVerifierMatches(FROM_POSTGRES, "pencil2")).toBe(false);
});

it("never contains the password and salts every verifier", () => {
  const a = scramSha256Verifier("correct-horse");
  expect(a).not.toContain("correct-horse");
  expect(scramSha256Verifier("correct-horse")).not.toBe(a);
  expect(scramVerifierMatches(a, "correct-horse")).toBe(true);
});
