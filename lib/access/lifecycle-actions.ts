import { groupsActorCounts, type Actor, type RequestGroupRule } from "@/lib/permissions";
import { groupProgress, type ApprovalRecord } from "@/lib/access/approval-progress";
import { isGrantLive } from "@/lib/access/request-view";
import { totalAfterExtension, totalCapSeconds } from "@/lib/access/apply-extension";
import type { RequestStatus } from "@/lib/generated/prisma/enums";

/**
 * What a viewer may do to a request beyond deciding on it (allowedActions): ask for more
 * time, end their own grant early, acknowledge a break-glass grant, and which group an
 * approval counts for under separation of duties. Pages show or hide buttons from this;
 * the domain actions (extend-grant, release-grant, acknowledge-emergency, approve-request)
 * check everything again.
 */
export type LifecycleActions = {
  /** The requester may ask for more time: their grant is live and below the connection's total cap. */
  canExtend: boolean;
  /** The longest extension the cap still allows, in seconds (0 when none). */
  maxExtensionSeconds: number;
  /** The requester may end their own grant now (or call off a scheduled one). */
  canRelease: boolean;
  /** A break-glass grant awaiting post-incident review that this viewer may acknowledge. */
  canAcknowledge: boolean;
  /**
   * With distinct approvers per group: the groups the viewer must choose between when
   * approving. Empty when there is nothing to choose (one group, or one still open).
   */
  approveGroupChoices: string[];
};

export type LifecycleRow = {
  status: RequestStatus;
  requesterId: string;
  expiresAt: Date | null;
  startsAt: Date | null;
  decidedAt: Date | null;
  extendsRequestId: string | null;
  emergency: boolean;
  reviewedAt: Date | null;
  distinctApprovers: boolean;
  groups: readonly RequestGroupRule[];
  approvals: readonly ApprovalRecord[];
};

/** Extensions shorter than a minute are not worth offering. */
const MIN_EXTENSION_SECONDS = 60;

export function lifecycleActions(
  actor: Actor,
  row: LifecycleRow,
  connection: { maxTotalSeconds: number | null; maxDurationSeconds: number },
  now = new Date(),
): LifecycleActions {
  const rule = row.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals }));
  const mine = row.requesterId === actor.id;
  const live = isGrantLive(row, now);
  const maxExtensionSeconds = live ? Math.max(0, Math.floor(totalCapSeconds(connection) - totalAfterExtension(row, 0))) : 0;
  const counted = groupsActorCounts(actor, rule);
  return {
    canExtend: mine && live && maxExtensionSeconds >= MIN_EXTENSION_SECONDS,
    maxExtensionSeconds,
    canRelease: mine && row.status === "APPROVED" && row.extendsRequestId === null && row.expiresAt !== null && row.expiresAt > now,
    canAcknowledge: row.emergency && row.reviewedAt === null && !mine && (actor.isAdmin || counted.length > 0),
    approveGroupChoices: approveGroupChoices(actor, row),
  };
}

/**
 * With distinct approvers per group, the groups an approver in several of them must choose
 * between. Mirrors approve-request's chooseGroup: a choice is needed only when the server
 * could not pick one itself (one eligible group, or one of theirs still open).
 */
export function approveGroupChoices(
  actor: Actor,
  row: Pick<LifecycleRow, "status" | "requesterId" | "distinctApprovers" | "groups" | "approvals">,
): string[] {
  if (row.status !== "PENDING" || !row.distinctApprovers || row.requesterId === actor.id) return [];
  if (row.approvals.some((a) => a.userId === actor.id)) return [];
  const rule = row.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals }));
  const eligible = groupsActorCounts(actor, rule);
  if (eligible.length <= 1) return [];
  const open = groupProgress(rule, row.approvals).filter((g) => !g.satisfied && eligible.includes(g.groupId));
  if (open.length === 1) return [];
  const ids = open.length > 1 ? open.map((g) => g.groupId) : eligible;
  return rule.filter((g) => ids.includes(g.groupId)).map((g) => g.groupName).sort();
}
