import { describe, expect, it } from "vitest";
import { newNonce, signToken, verifyToken } from "@/lib/notifications/signed-token";

const SECRET = "unit-test-secret-0123456789abcdef0123";

describe("signed link tokens", () => {
  it("round-trips claims", () => {
    const token = signToken("email-action", { r: "req1", u: "user1", a: "approve", n: "abc", x: 123 }, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyToken("email-action", token, SECRET)).toEqual({ r: "req1", u: "user1", a: "approve", n: "abc", x: 123 });
  });

  it("refuses a changed claim, a changed signature, another purpose or another secret", () => {
    const token = signToken("email-action", { r: "req1", a: "approve" }, SECRET);
    const [body, sig] = token.split(".") as [string, string];
    const changed = Buffer.from(JSON.stringify({ r: "req1", a: "reject" })).toString("base64url");
    expect(verifyToken("email-action", `${changed}.${sig}`, SECRET)).toBeNull();
    expect(verifyToken("email-action", `${body}.${sig.slice(0, -2)}AA`, SECRET)).toBeNull();
    expect(verifyToken("email-action", `${body}.`, SECRET)).toBeNull();
    expect(verifyToken("slack-link", token, SECRET)).toBeNull();
    expect(verifyToken("email-action", token, `${SECRET}x`)).toBeNull();
    for (const junk of ["", "a", "a.b.c", ".", "x".repeat(5000)]) expect(verifyToken("email-action", junk, SECRET)).toBeNull();
  });

  it("makes unguessable nonces", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
