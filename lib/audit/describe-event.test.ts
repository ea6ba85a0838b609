import { describe, expect, it } from "vitest";
import { actionLabel, describeEvent, settingChanges } from "@/lib/audit/describe-event";

describe("describeEvent", () => {
  it("words the request lifecycle, keeping people's own text apart", () => {
    expect(describeEvent("request.created", { connection: "prod-postgres", duration: "2h", reason: "<b>debug</b>" })).toEqual({
      summary: "requested 2h on prod-postgres",
      quote: { label: "Reason", text: "<b>debug</b>" },
      tone: "neutral",
    });
    expect(describeEvent("request.approval_added", { groups: ["dba-team", "security"], comment: "ok" })).toMatchObject({
      summary: "approved for dba-team and security",
      quote: { label: "Comment", text: "ok" },
    });
    expect(describeEvent("request.approved", { autoApproved: true, why: "connection needs no approval" }).summary).toBe(
      "granted automatically: connection needs no approval",
    );
    expect(describeEvent("request.rejected", {})).toEqual({ summary: "rejected the request", tone: "bad" });
    expect(describeEvent("request.revoked", { reason: "done" }).quote).toEqual({ label: "Reason", text: "done" });
    expect(describeEvent("request.expired", { by: "expiry sweep" }).summary).toContain("EXECUTED");
  });

  it("survives odd data and unknown actions", () => {
    expect(describeEvent("request.approval_added", null).summary).toBe("approved");
    expect(describeEvent("request.created", [1, 2]).summary).toBe("requested access");
    expect(describeEvent("notification.sent", { x: 1 })).toEqual({ summary: "notification.sent", tone: "neutral" });
    expect(actionLabel("request.revoked")).toBe("Access revoked");
  });

  it("lists connection setting changes field by field", () => {
    const before = { name: "db", type: "postgres", approvalGroups: [{ name: "dba-team", minApprovals: 1 }], maxDuration: "8h", defaultDuration: "1h", autoApproveAdmins: true, description: null };
    const after = { ...before, approvalGroups: [{ name: "dba-team", minApprovals: 2 }, { name: "security", minApprovals: 1 }], maxDuration: "4h", autoApproveAdmins: false };
    expect(settingChanges(before, after)).toEqual([
      { field: "Approval groups", before: "dba-team", after: "dba-team ×2, security" },
      { field: "Maximum duration", before: "8h", after: "4h" },
      { field: "Auto-approve admins", before: "on", after: "off" },
    ]);
    expect(describeEvent("connection.updated", { before, after: before }).changes).toEqual([]);
  });
});
