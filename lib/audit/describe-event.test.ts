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

  it("lists request policy, break-glass and separation-of-duties changes", () => {
    const policy = {
      reasonRequired: false,
      reasonMinLength: 0,
      reasonPattern: null,
      ticketMode: "off",
      ticketPattern: null,
      pendingTimeout: "24h",
      maxTotalDuration: null,
      breakGlassGroups: [],
      breakGlassMaxDuration: "30m",
      distinctApprovers: false,
    };
    const before = { name: "db", maxDuration: "8h", policy };
    const after = { ...before, policy: { ...policy, ticketMode: "required", ticketPattern: "^OPS-\\d+$", maxTotalDuration: "12h", breakGlassGroups: ["oncall", "sre"], distinctApprovers: true } };
    expect(settingChanges(before, after)).toEqual([
      { field: "Ticket", before: "off", after: "required" },
      { field: "Ticket pattern", before: "—", after: "^OPS-\\d+$" },
      { field: "Extension cap", before: "the maximum duration", after: "12h" },
      { field: "Break-glass groups", before: "none", after: "oncall, sre" },
      { field: "Distinct approvers", before: "off", after: "on" },
    ]);
  });

  it("describes the issue 7 lifecycle events, people's words as quotes", () => {
    expect(describeEvent("request.created", { duration: "1h", connection: "db", ticket: "OPS-1", startsAt: "2026-12-05T09:00:00Z" }).summary).toBe(
      "requested 1h on db for ticket OPS-1, to start later",
    );
    expect(describeEvent("request.emergency_opened", {})).toMatchObject({ tone: "bad", summary: expect.stringContaining("EMERGENCY") });
    expect(describeEvent("request.emergency_reviewed", { note: "<i>fine</i>" }).quote).toEqual({ label: "Review note", text: "<i>fine</i>" });
    expect(describeEvent("request.extension_requested", { duration: "30m", reason: "more" })).toMatchObject({ summary: "asked for 30m more on the grant", quote: { text: "more" } });
    expect(describeEvent("request.extended", { by: "30m" }).summary).toBe("extended the grant by 30m");
    expect(describeEvent("request.timed_out", { by: "no decision within the connection's pending timeout" }).summary).toContain("EXPIRED");
    expect(describeEvent("request.timed_out", { by: "no decision within the connection's pending timeout", note: "No decision within 24h" }).summary).toBe(
      "closed the request with no decision in time (No decision within 24h): it is EXPIRED",
    );
    expect(actionLabel("request.released")).toBe("Access released");
  });
});
