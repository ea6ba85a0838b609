/**
 * Audit events in words, for the request timeline and the audit log. Pure, so the
 * same text shows in both places and in tests. User-supplied text (reasons, comments)
 * comes back separately as `quote` so pages render it as plain text, never as markup.
 */

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

/** Field-by-field differences between two settings snapshots (connection.updated events). */
export function settingChanges(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const b = (before ?? {}) as Data;
  const a = (after ?? {}) as Data;
  return Object.keys(SETTING_NAMES)
    .map((key) => ({ field: SETTING_NAMES[key]!, before: describeSetting(key, b[key]), after: describeSetting(key, a[key]) }))
    .filter((c) => c.before !== c.after);
}

export function describeEvent(action: string, rawData: unknown): DescribedEvent {
  const data = (rawData && typeof rawData === "object" && !Array.isArray(rawData) ? rawData : {}) as Data;
  switch (action) {
    case "request.created":
      return { summary: `requested ${str(data.duration) ?? "access"}${str(data.connection) ? ` on ${data.connection}` : ""}`, ...quote("Reason", data.reason), tone: "neutral" };
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
      return { summary: actionLabel(action), tone: "neutral" };
  }
}
