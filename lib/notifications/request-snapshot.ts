import { db, type Db, type Tx } from "@/lib/db";
import { formatDuration } from "@/lib/access/duration";
import { groupProgress } from "@/lib/access/approval-progress";
import { requestPageUrl } from "@/lib/notifications/links";
import type { RequestStatus } from "@/lib/generated/prisma/enums";

export type Person = { id: string; email: string; name: string | null; slackUserId: string | null };

/** A request as notifications describe it: everything a message shows, read fresh when it is sent. */
export type NotifiedRequest = {
  id: string;
  url: string;
  status: RequestStatus;
  /** APPROVED and still inside its window. */
  active: boolean;
  connection: string;
  connectionId: string;
  requester: Person;
  duration: string;
  reason: string;
  createdAt: Date;
  decidedAt: Date | null;
  expiresAt: Date | null;
  endedAt: Date | null;
  autoApproved: boolean;
  forced: boolean;
  /** A break-glass grant: opened without approval, reviewed afterwards. */
  emergency: boolean;
  /** An extension request: the grant it adds time to. */
  extendsRequestId: string | null;
  decidedBy: Person | null;
  decisionNote: string | null;
  endedBy: Person | null;
  endNote: string | null;
  groups: { groupId: string; name: string; minApprovals: number; satisfied: boolean; approvers: Person[] }[];
};

const person = { select: { id: true, email: true, name: true, slackUserId: true } } as const;

export async function loadNotifiedRequest(id: string, now = new Date(), client: Db | Tx = db()): Promise<NotifiedRequest | null> {
  const row = await client.accessRequest.findUnique({
    where: { id },
    include: {
      connection: { select: { id: true, name: true } },
      requester: person,
      groups: { orderBy: { groupName: "asc" } },
      approvals: { orderBy: { createdAt: "asc" }, include: { user: person } },
    },
  });
  if (!row) return null;
  const otherIds = [row.decidedById, row.endedById].filter((v): v is string => Boolean(v));
  const others = otherIds.length ? await client.user.findMany({ where: { id: { in: otherIds } }, ...person }) : [];
  const byId = new Map(others.map((u) => [u.id, u]));
  const approvers = new Map(row.approvals.map((a) => [a.userId, a.user]));
  const progress = groupProgress(
    row.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals })),
    row.approvals,
  );
  return {
    id: row.id,
    url: requestPageUrl(row.id),
    status: row.status,
    active: row.status === "APPROVED" && row.expiresAt !== null && row.expiresAt > now,
    connection: row.connection.name,
    connectionId: row.connection.id,
    requester: row.requester,
    duration: formatDuration(row.durationSeconds),
    reason: row.reason,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    expiresAt: row.expiresAt,
    endedAt: row.endedAt,
    autoApproved: row.autoApproved,
    forced: row.forced,
    emergency: row.emergency,
    extendsRequestId: row.extendsRequestId,
    decidedBy: row.decidedById ? (byId.get(row.decidedById) ?? null) : null,
    decisionNote: row.decisionNote,
    endedBy: row.endedById ? (byId.get(row.endedById) ?? null) : null,
    endNote: row.endNote,
    groups: progress.map((g) => ({
      groupId: g.groupId,
      name: g.groupName,
      minApprovals: g.minApprovals,
      satisfied: g.satisfied,
      approvers: g.approverIds.map((uid) => approvers.get(uid)!).filter(Boolean),
    })),
  };
}

export const displayName = (p: { name: string | null; email: string }) => p.name || p.email;

/** "12:05 UTC, 4 Dec 2026": unambiguous in every channel that cannot localise times. */
export function formatUtc(date: Date): string {
  const day = date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const time = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return `${time} UTC, ${day}`;
}

export type LineFormat = { date?: (d: Date) => string; text?: (s: string) => string };

/**
 * One line per state, shared by Slack, Teams and email so every channel says the same thing.
 * `fmt.text` escapes people's words (names, reasons) and `fmt.date` formats times for the channel.
 */
export function statusLine(r: NotifiedRequest, now = new Date(), fmt: LineFormat = {}): string {
  const date = fmt.date ?? formatUtc;
  const text = fmt.text ?? ((s: string) => s);
  const name = (p: Person | null, fallback: string) => (p ? text(displayName(p)) : fallback);
  switch (r.status) {
    case "PENDING":
      return "Waiting for approval";
    case "APPROVED": {
      const how = r.emergency ? "EMERGENCY break-glass grant" : r.autoApproved ? "Granted at once" : r.forced ? `Force approved by ${name(r.decidedBy, "an admin")}` : "Approved";
      if (!r.expiresAt) return how;
      return r.expiresAt <= now ? `${how}; expired at ${date(r.expiresAt)}` : `${how}; access until ${date(r.expiresAt)}`;
    }
    case "REJECTED":
      return `Rejected by ${name(r.decidedBy, "an approver")}${r.decisionNote ? `: ${text(r.decisionNote)}` : ""}`;
    case "REVOKED":
      return `Revoked by ${name(r.endedBy, "an admin")}${r.endNote ? `: ${text(r.endNote)}` : ""}`;
    case "EXECUTED":
      return `Expired at ${date(r.expiresAt ?? r.endedAt ?? now)}`;
    case "EXPIRED":
      return `Timed out without a decision at ${date(r.endedAt ?? now)}`;
    default:
      // A state added later reads as its name until it gets its own words here.
      return `${String(r.status).charAt(0)}${String(r.status).slice(1).toLowerCase()}`;
  }
}

/** "dba-team ✓ bob · security waiting" */
export function progressLine(r: NotifiedRequest): string {
  if (r.groups.length === 0) return "No approval needed";
  return r.groups
    .map((g) => {
      const names = g.approvers.map((p) => p.name?.split(" ")[0] || p.email.split("@")[0]).join(", ");
      if (g.satisfied) return `${g.name} ✓${names ? ` ${names}` : ""}`;
      return g.minApprovals > 1 ? `${g.name} waiting (${g.approvers.length}/${g.minApprovals}${names ? `: ${names}` : ""})` : `${g.name} waiting`;
    })
    .join(" · ");
}
