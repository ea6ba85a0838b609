import { describe, expect, it } from "vitest";
import { checkSlackSignature, slackSignature } from "@/lib/slack/verify-request";

// Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const timestamp = "1531420618";
const at = new Date(Number(timestamp) * 1000);

describe("Slack v0 signatures", () => {
  it("matches Slack's documented example", () => {
    expect(slackSignature(secret, timestamp, body)).toBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    expect(checkSlackSignature(secret, timestamp, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", body, at)).toBe("ok");
  });

  it("refuses a changed body, a wrong secret, junk and missing headers", () => {
    const good = slackSignature(secret, timestamp, body);
    expect(checkSlackSignature(secret, timestamp, good, `${body}&x=1`, at)).toBe("bad_signature");
    expect(checkSlackSignature("other", timestamp, good, body, at)).toBe("bad_signature");
    expect(checkSlackSignature(secret, timestamp, "v0=00", body, at)).toBe("bad_signature");
    expect(checkSlackSignature(secret, null, good, body, at)).toBe("missing");
    expect(checkSlackSignature(secret, timestamp, null, body, at)).toBe("missing");
    expect(checkSlackSignature(secret, "12abc", good, body, at)).toBe("missing");
  });

  it("refuses timestamps more than five minutes away, either way", () => {
    const good = slackSignature(secret, timestamp, body);
    expect(checkSlackSignature(secret, timestamp, good, body, new Date(at.getTime() + 299_000))).toBe("ok");
    expect(checkSlackSignature(secret, timestamp, good, body, new Date(at.getTime() + 301_000))).toBe("stale");
    expect(checkSlackSignature(secret, timestamp, good, body, new Date(at.getTime() - 301_000))).toBe("stale");
  });
});
