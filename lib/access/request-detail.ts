import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { canView, type Actor } from "@/lib/permissions";
import { ruleOf } from "@/lib/access/lock-request";
import { loadRequestEvents, loadRequestRow, toRequestView, type AccessRequestView, type RequestRow } from "@/lib/access/request-view";
import { groupProgress } from "@/lib/access/approval-progress";
import { allowedActions, type AllowedActions } from "@/lib/access/allowed-actions";
import { loadRequestLifecycle, type RequestLifecycle } from "@/lib/access/request-lifecycle";

/** The people who could still move a pending request forward, per group that is not yet satisfied. */
export type WaitingOn = { group: string; needed: number; members: { email: string; name: string | null }[]; more: number };

export type RequestDetail = AccessRequestView & {
  allowedActions: AllowedActions;
  waitingOn: WaitingOn[];
  /** Display names for the emails in the timeline (event actors carry only an email). */
  people: Record<string, string>;
} & RequestLifecycle;

const MEMBERS_SHOWN = 8;

/**
 * One request as its page shows it: the API view with its timeline, what the viewer
 * may do, and, while it is PENDING, who can still approve; for a grant, its extensions
 * (for an extension, its grant). One row load, one events query, at most one members
 * query and two small lifecycle queries, whoever asks.
 */
export async function getRequestDetail(actor: Actor, id: string, now = new Date()): Promise<RequestDetail> {
  const row = await loadRequestRow(db(), id);
  if (!row || !canView(actor, row.requesterId, ruleOf(row))) throw notFound(`No access request with id "${id}".`);
  const [events, waitingOn, lifecycle] = await Promise.all([loadRequestEvents(db(), id), loadWaitingOn(row), loadRequestLifecycle(db(), actor, row, now)]);
  const view = toRequestView(row, now, events);
  return { ...view, allowedActions: allowedActions(actor, row, now), waitingOn, people: await loadPeople(events), ...lifecycle };
}

async function loadPeople(events: { actorEmail: string | null }[]): Promise<Record<string, string>> {
  const emails = [...new Set(events.map((e) => e.actorEmail).filter((e): e is string => e !== null))];
  if (emails.length === 0) return {};
  const users = await db().user.findMany({ where: { email: { in: emails } }, select: { email: true, name: true } });
  return Object.fromEntries(users.filter((u) => u.name).map((u) => [u.email, u.name!]));
}

async function loadWaitingOn(row: RequestRow): Promise<WaitingOn[]> {
  if (row.status !== "PENDING") return [];
  const open = groupProgress(ruleOf(row), row.approvals).filter((g) => !g.satisfied);
  if (open.length === 0) return [];
  const members = await db().groupMember.findMany({
    where: { groupId: { in: open.map((g) => g.groupId) }, userId: { notIn: [row.requesterId, ...row.approvals.map((a) => a.userId)] } },
    select: { groupId: true, user: { select: { email: true, name: true } } },
    orderBy: { user: { email: "asc" } },
    take: 500,
  });
  return open.map((g) => {
    const inGroup = members.filter((m) => m.groupId === g.groupId).map((m) => m.user);
    return {
      group: g.groupName,
      needed: g.minApprovals - g.approverIds.length,
      members: inGroup.slice(0, MEMBERS_SHOWN),
      more: Math.max(0, inGroup.length - MEMBERS_SHOWN),
    };
  });
}
