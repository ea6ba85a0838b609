import { AppError } from "@/lib/errors";
import { assertCanApprove, assertCanReject, type Actor, type RequestGroupRule } from "@/lib/permissions";
import type { RequestStatus } from "@/lib/generated/prisma/enums";

/**
 * What a viewer may do to a request right now. Pages and API clients show or hide
 * their buttons from this, so the rules stay in lib/permissions.ts and the domain
 * actions; the actions still check everything again when called.
 */
export type AllowedActions = {
  canApprove: boolean;
  canReject: boolean;
  canRevoke: boolean;
  canForceApprove: boolean;
  /** The viewer's approval is already recorded (approving again changes nothing). */
  approvedByViewer: boolean;
};

/** The parts of a request the decision rules look at. */
export type ActionableRequest = {
  status: RequestStatus;
  requesterId: string;
  expiresAt: Date | null;
  groups: readonly RequestGroupRule[];
  approvals: readonly { userId: string }[];
};

/** Prisma select for an ActionableRequest. */
export const actionableSelect = {
  id: true,
  status: true,
  requesterId: true,
  expiresAt: true,
  groups: { select: { groupId: true, groupName: true, minApprovals: true } },
  approvals: { select: { userId: true, countedGroups: true, forced: true } },
  // For approveGroupChoices (lib/access/lifecycle-actions.ts).
  distinctApprovers: true,
} as const;

function permits(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

export function allowedActions(actor: Actor, row: ActionableRequest, now = new Date()): AllowedActions {
  const rule = row.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals }));
  const pending = row.status === "PENDING";
  const approvedByViewer = row.approvals.some((a) => a.userId === actor.id);
  const active = row.status === "APPROVED" && row.expiresAt !== null && row.expiresAt > now;
  return {
    canApprove: pending && !approvedByViewer && permits(() => assertCanApprove(actor, row.requesterId, rule)),
    canReject: pending && permits(() => assertCanReject(actor, row.requesterId, rule)),
    // Revoke and force approve are admin powers (requireAdmin in revoke-grant / force-approve-request).
    canRevoke: active && actor.isAdmin,
    canForceApprove: pending && actor.isAdmin,
    approvedByViewer,
  };
}
