import { describe, expect, it } from "vitest";
import { progressLine, statusLine, type NotifiedRequest } from "@/lib/notifications/request-snapshot";
import { escapeSlack, requestMessage, requesterMessage } from "@/lib/slack/messages";
import { requestCard } from "@/lib/teams/cards";
import { renderNotificationEmail } from "@/lib/email/notification-emails";

const person = (name: string) => ({ id: name, email: `${name.toLowerCase()}@example.com`, name: `${name} Example`, slackUserId: null });
const now = new Date("2026-12-04T12:00:00Z");

function request(overrides: Partial<NotifiedRequest> = {}): NotifiedRequest {
  return {
    id: "req1",
    url: "https://timebox.test/requests/req1",
    status: "PENDING",
    active: false,
    connection: "prod-postgres",
    connectionId: "c1",
    requester: person("Alice"),
    duration: "2h",
    reason: "fix <!channel> & *orders*",
    createdAt: now,
    decidedAt: null,
    expiresAt: null,
    endedAt: null,
    autoApproved: false,
    forced: false,
    emergency: false,
    decidedBy: null,
    decisionNote: null,
    endedBy: null,
    endNote: null,
    extendsRequestId: null,
    groups: [
      { groupId: "g1", name: "dba-team", minApprovals: 1, satisfied: true, approvers: [person("Bob")] },
      { groupId: "g2", name: "security", minApprovals: 1, satisfied: false, approvers: [] },
    ],
    ...overrides,
  };
}

describe("what every channel says", () => {
  it("shows per-group progress", () => {
    expect(progressLine(request())).toBe("dba-team ✓ Bob · security waiting");
    const two = request({ groups: [{ groupId: "g", name: "dba-team", minApprovals: 2, satisfied: false, approvers: [person("Bob")] }] });
    expect(progressLine(two)).toBe("dba-team waiting (1/2: Bob)");
    expect(progressLine(request({ groups: [] }))).toBe("No approval needed");
  });

  it("describes each state", () => {
    const expiresAt = new Date("2026-12-04T14:00:00Z");
    expect(statusLine(request({ status: "APPROVED", expiresAt }), now)).toBe("Approved; access until 14:00 UTC, 4 Dec 2026");
    expect(statusLine(request({ status: "APPROVED", expiresAt }), new Date("2026-12-05T00:00:00Z"))).toMatch(/expired at/);
    expect(statusLine(request({ status: "REJECTED", decidedBy: person("Bob"), decisionNote: "use staging" }), now)).toBe("Rejected by Bob Example: use staging");
    expect(statusLine(request({ status: "REVOKED", endedBy: person("Ada"), endNote: "done" }), now)).toBe("Revoked by Ada Example: done");
  });

  it("escapes people's words in Slack and drops the buttons once decided", () => {
    expect(escapeSlack("<@U1> & <!here>")).toBe("&lt;@U1&gt; &amp; &lt;!here&gt;");
    const pending = JSON.stringify(requestMessage(request(), now));
    expect(pending).not.toContain("<!channel>");
    expect(pending).toContain("&lt;!channel&gt;");
    expect(pending).toContain("timebox_approve");
    const decided = JSON.stringify(requestMessage(request({ status: "REJECTED", decidedBy: person("Bob") }), now));
    expect(decided).not.toContain("timebox_approve");
    expect(decided).toContain("Rejected by Bob Example");
    const dm = requesterMessage(request({ status: "APPROVED", expiresAt: new Date("2026-12-04T14:00:00Z"), decidedBy: person("Bob") }), "approved");
    expect(dm.text).toBe("Your access to prod-postgres is ready, approved by Bob Example. It lasts until 14:00 UTC, 4 Dec 2026.");
  });

  it("links the Teams card to the request", () => {
    const card = requestCard(request(), "created", { now });
    const content = card.attachments[0]!.content;
    expect(content.actions).toEqual([{ type: "Action.OpenUrl", title: "Review in Timebox", url: "https://timebox.test/requests/req1" }]);
    expect(JSON.stringify(content.body)).toContain("dba-team ✓ Bob · security waiting");
  });

  it("renders emails with a plain-text part carrying the links", async () => {
    const links = { approve: "https://timebox.test/email-actions/A.B", reject: "https://timebox.test/email-actions/C.D", expiresAt: new Date("2026-12-05T12:00:00Z") };
    const email = await renderNotificationEmail("approval_requested", { request: request(), links, now });
    expect(email.subject).toBe("Approve? Alice Example requests prod-postgres for 2h");
    expect(email.html).toContain('href="https://timebox.test/email-actions/A.B"');
    expect(email.html).not.toContain("<!channel>");
    expect(email.text).toContain("https://timebox.test/email-actions/A.B");
    expect(email.text).toContain("https://timebox.test/email-actions/C.D");
    expect(email.text).toContain("prod-postgres");
    for (const template of ["approved", "rejected", "revoked", "expiring", "approval_reminder"] as const) {
      const rendered = await renderNotificationEmail(template, { request: request({ status: "APPROVED", expiresAt: new Date("2026-12-04T14:00:00Z") }), now });
      expect(rendered.text.length).toBeGreaterThan(50);
      expect(rendered.html).toContain("https://timebox.test/requests/req1");
    }
  });
});
