import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { signPayload, verifySignature } from "@/lib/provisioning/webhook";

const secret = "whsec_test-secret";
const body = JSON.stringify({ id: "grant.activated:r1", type: "grant.activated" });
const t = 1_800_000_000;
const at = new Date(t * 1000);

describe("webhook signatures", () => {
  it("is t=<unix>,v1=<hex HMAC-SHA256 of '<t>.<body>'>, as docs/provisioners.md describes", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signPayload(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies a good signature and refuses a changed body, another secret, or a stale timestamp", () => {
    const header = signPayload(secret, body, t);
    expect(verifySignature(secret, body, header, { now: at })).toBe(true);
    expect(verifySignature(secret, body + " ", header, { now: at })).toBe(false);
    expect(verifySignature("whsec_other", body, header, { now: at })).toBe(false);
    expect(verifySignature(secret, body, header, { now: new Date((t + 301) * 1000) })).toBe(false);
    expect(verifySignature(secret, body, null, { now: at })).toBe(false);
    expect(verifySignature(secret, body, "t=abc,v1=00", { now: at })).toBe(false);
  });

  it("accepts any of several v1 signatures (secret rotation on the receiver side)", () => {
    const good = signPayload(secret, body, t).split(",")[1];
    expect(verifySignature(secret, body, `t=${t},v1=deadbeef,${good}`, { now: at })).toBe(true);
  });
});
