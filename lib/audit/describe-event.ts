/**
 * Audit events in words, for the request timeline and the audit log. Pure, so the
 * same text shows in both places and in tests. User-supplied text (reasons, comments)
 * comes back separately as `quote` so pages render it as plain text, never as markup.
 */

import { describeGrantEvent, GRANT_ACTION_LABELS } from "@/lib/provisioning/describe-grant-event";

export type DescribedEvent = {
  /** What happened, without the actor: "approved for dba-team". */
  summary: string;
  /** The person's own words: a reason or a comment. */
  quote?: { label: string; text: string };
  /** Settings changes, field by field. */
  changes?: { field: string; before: string; after: string }[];
  tone: "neutral" | "good" | "bad" | "info";
};

type Data = Record<string, unknown>;

export const ACTION_LABELS: Record<string, string> = {
  "request.created": "Request created",
  "request.approval_added": "Approval added",
  "request.approved": "Request approved",
  "request.force_approved": "Force approved",
  "request.rejected": "Request rejected",
  "request.revoked": "Access revoked",
  "request.expired": "Access expired",
  "request.timed_out": "Request timed out",
  "request.extension_requested": "More time requested",
  "request.extended": "Grant extended",
  "request.released": "Access released",
  "request.emergency_opened": "Break-glass access",
  "request.emergency_reviewed": "Post-incident review",
  "connection.created": "Connection created",
  "connection.updated": "Connection changed",
  "group.created": "Group created",
  "group.members_changed": "Group members replaced",
  "group.member_added": "Member added",
  "group.member_removed": "Member removed",
  "user.created": "User created",
  "token.created": "API token created",
  "token.revoked": "API token revoked",
  "bootstrap.admin_token": "Bootstrap admin token",
  "demo.seeded": "Demo data seeded",
  ...GRANT_ACTION_LABELS,
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function quote(label: string, v: unknown) {
  const text = str(v);
  return text ? { quote: { label, text } } : {};
}

type GroupRule = { name: string; minApprovals: number };

function describeSetting(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "approvalGroups" && Array.isArray(value)) {
    const groups = value as GroupRule[];
    if (groups.length === 0) return "none (no approval)";
    return groups.map((g) => (g.minApprovals > 1 ? `${g.name} ×${g.minApprovals}` : g.name)).join(", ");
  }
  if (typeof value === "boolean") return value ? "on" : "off";
  return String(value);
}

const SETTING_NAMES: Record<string, string> = {
  name: "Name",
  type: "Type",
  description: "Description",
  approvalGroups: "Approval groups",
  maxDuration: "Maximum duration",
  defaultDuration: "Default duration",
  autoApproveAdmins: "Auto-approve admins",
};

/** The request policy, break-glass and separation-of-duties settings, nested under `policy` in the snapshots. */
const POLICY_SETTING_NAMES: Record<string, string> = {
  reasonRequired: "Reason required",
  reasonMinLength: "Reason minimum length",
  reasonPattern: "Reason pattern",
  ticketMode: "Ticket",
  ticketPattern: "Ticket pattern",
  pendingTimeout: "Pending timeout",
  maxTotalDuration: "Extension cap",
  breakGlassGroups: "Break-glass groups",
  breakGlassMaxDuration: "Break-glass maximum",
  distinctApprovers: "Distinct approvers",
};

function describePolicySetting(field: string, value: unknown): string {
  if (field === "breakGlassGroups" && Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (field === "maxTotalDuration" && (value === null || value === undefined)) return "the maximum duration";
  return describeSetting(field, value);
}

/** Field-by-field differences between two settings snapshots (connection.updated events). */
export function settingChanges(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const b = (before ?? {}) as Data;
  const a = (after ?? {}) as Data;
  const bp = (b.policy ?? {}) as Data;
  const ap = (a.policy ?? {}) as Data;
  return [
    ...Object.keys(SETTING_NAMES).map((key) => ({ field: SETTING_NAMES[key]!, before: describeSetting(key, b[key]), after: describeSetting(key, a[key]) })),
    // Snapshots from before the policy existed have no `policy`: nothing to compare.
    ...(b.policy === undefined && a.policy === undefined
      ? []
      : Object.keys(POLICY_SETTING_NAMES)
          .filter((key) => key in bp || key in ap)
          .map((key) => ({ field: POLICY_SETTING_NAMES[key]!, before: describePolicySetting(key, bp[key]), after: describePolicySetting(key, ap[key]) }))),
  ].filter((c) => c.before !== c.after);
}

export function describeEvent(action: string, rawData: unknown): DescribedEvent {
  const data = (rawData && typeof rawData === "object" && !Array.isArray(rawData) ? rawData : {}) as Data;
  switch (action) {
    case "request.created":
      return {
        summary: `requested ${str(data.duration) ?? "access"}${str(data.connection) ? ` on ${data.connection}` : ""}${str(data.ticket) ? ` for ticket ${data.ticket}` : ""}${str(data.startsAt) ? ", to start later" : ""}`,
        ...quote("Reason", data.reason),
        tone: "neutral",
      };
    case "request.extension_requested":
      return { summary: `asked for ${str(data.duration) ?? "more time"} more on the grant`, ...quote("Reason", data.reason), tone: "neutral" };
    case "request.extended":
      return { summary: `extended the grant by ${str(data.by) ?? "more time"}`, tone: "good" };
    case "request.released":
      return { summary: "ended their access early (released by the requester)", tone: "neutral" };
    case "request.timed_out":
      return { summary: `closed the request with no decision in time (${str(data.note) ?? str(data.by) ?? "pending timeout"}): it is EXPIRED`, tone: "neutral" };
    case "request.emergency_opened":
      return { summary: "broke the glass: EMERGENCY access granted at once, without approval", tone: "bad" };
    case "request.emergency_reviewed":
      return { summary: "acknowledged the break-glass grant in a post-incident review", ...quote("Review note", data.note), tone: "good" };
    case "request.approval_added": {
      const groups = list(data.groups);
      return { summary: groups.length ? `approved for ${groups.join(" and ")}` : "approved", ...quote("Comment", data.comment), tone: "good" };
    }
    case "request.approved":
      if (data.autoApproved) {
        return { summary: `granted automatically: ${str(data.why) ?? "no approval needed"}`, tone: "good" };
      }
      return { summary: "completed the approval: every group has approved", tone: "good" };
    case "request.force_approved":
      return { summary: "force approved, overriding the approval groups", ...quote("Reason", data.reason), tone: "info" };
    case "request.rejected":
      return { summary: "rejected the request", ...quote("Reason", data.reason), tone: "bad" };
    case "request.revoked":
      return { summary: "revoked the access early", ...quote("Reason", data.reason), tone: "bad" };
    case "request.expired":
      return { summary: "access expired; the request is EXECUTED", tone: "neutral" };
    case "connection.created":
      return { summary: `created connection ${str((data.after as Data | undefined)?.name) ?? ""}`.trim(), changes: settingChanges({}, data.after), tone: "info" };
    case "connection.updated":
      return { summary: "changed connection settings", changes: settingChanges(data.before, data.after), tone: "info" };
    case "group.created":
      return { summary: `created group ${str(data.name) ?? ""}`.trim(), tone: "info" };
    case "group.member_added":
      return { summary: `added ${str(data.email) ?? "a user"} to ${str(data.group) ?? "a group"}`, tone: "info" };
    case "group.member_removed":
      return { summary: `removed ${str(data.email) ?? "a user"} from ${str(data.group) ?? "a group"}`, tone: "info" };
    case "group.members_changed": {
      const added = list(data.added);
      const removed = list(data.removed);
      const parts = [added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean);
      return { summary: `${parts.join("; ") || "changed members"} in ${str(data.group) ?? "a group"}`, tone: "info" };
    }
    case "user.created":
      return { summary: `created user ${str(data.email) ?? ""}`.trim(), tone: "info" };
    case "token.created":
      return { summary: `created API token "${str(data.name) ?? ""}"${str(data.for) ? ` for ${data.for}` : ""}`, tone: "info" };
    case "token.revoked":
      return { summary: `revoked API token "${str(data.name) ?? ""}"`, tone: "info" };
    default:
      return describeGrantEvent(action, data) ?? { summary: actionLabel(action), tone: "neutral" };
  }
}
