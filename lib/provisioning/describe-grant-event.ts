import type { DescribedEvent } from "@/lib/audit/describe-event";

/** Provisioning audit events in words (request timeline, audit log). */
export const GRANT_ACTION_LABELS: Record<string, string> = {
  "grant.activated": "Access set up on the target",
  "grant.credentials_revealed": "Connection details revealed",
  "grant.provision_failed": "Access could not be set up",
  "grant.provision_retried": "Setup retried",
  "grant.extended": "Target expiry moved",
  "grant.extend_failed": "Target expiry not moved",
  "grant.deprovisioned": "Access removed from the target",
  "grant.deprovision_failed": "Access could not be removed",
  "grant.deprovision_retried": "Removal retried",
  "connection.provisioner_updated": "Provisioner changed",
  "connection.provisioner_tested": "Provisioner tested",
};

type Data = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);
const role = (d: Data) => (str(d.role) ? ` (role ${d.role})` : "");

export function describeGrantEvent(action: string, data: Data): DescribedEvent | null {
  const via = data.provisioner === "webhook" ? "the webhook receiver confirmed the grant" : `created the database login${role(data)}`;
  switch (action) {
    case "grant.activated":
      return { summary: via, tone: "good" };
    case "grant.credentials_revealed":
      return { summary: `revealed the connection details${role(data)}`, tone: "info" };
    case "grant.provision_failed":
      return { summary: "could not set up the access on the target; the grant is not usable until a retry succeeds", ...errorQuote(data), tone: "bad" };
    case "grant.provision_retried":
      return { summary: "retried setting up the access", tone: "info" };
    case "grant.extended":
      return { summary: `moved the access on the target to the new expiry${role(data)}`, tone: "good" };
    case "grant.extend_failed":
      return { summary: "could not move the access on the target to the new expiry; it ends at the earlier one", ...errorQuote(data), tone: "bad" };
    case "grant.deprovisioned": {
      const sessions = typeof data.terminatedSessions === "number" && data.terminatedSessions > 0 ? `, ending ${data.terminatedSessions} open session${data.terminatedSessions === 1 ? "" : "s"}` : "";
      return {
        summary: data.provisioner === "webhook" ? "the webhook receiver confirmed the end of the grant" : `removed the database login${role(data)}${sessions}`,
        tone: "good",
      };
    }
    case "grant.deprovision_failed":
      return { summary: "could not remove the access from the target; retrying, admins alerted", ...errorQuote(data), tone: "bad" };
    case "grant.deprovision_retried":
      return { summary: "retried removing the access", tone: "info" };
    case "connection.provisioner_updated": {
      const before = (data.before ?? {}) as Data;
      const after = (data.after ?? {}) as Data;
      const secrets = [data.adminUrlChanged ? "admin URL replaced" : "", data.secretChanged ? "signing secret replaced" : ""].filter(Boolean);
      return {
        summary: `set the provisioner to ${str(after.kind) ?? "none"}${secrets.length ? ` (${secrets.join(", ")})` : ""}`,
        changes: ["kind", "grantRoles", "connectionLimit", "clientAddress", "url"]
          .map((k) => ({ field: k, before: show(before[k]), after: show(after[k]) }))
          .filter((c) => c.before !== c.after),
        tone: "info",
      };
    }
    case "connection.provisioner_tested":
      return { summary: data.ok ? "tested the provisioner: it works" : "tested the provisioner: it failed", ...errorQuote({ error: data.message }), tone: data.ok ? "good" : "bad" };
    default:
      return null;
  }
}

function errorQuote(data: Data) {
  const text = str(data.error);
  return text ? { quote: { label: "Error", text } } : {};
}

function show(v: unknown): string {
  if (v === undefined || v === null || v === "") return "—";
  return Array.isArray(v) ? v.join(", ") || "—" : String(v);
}
