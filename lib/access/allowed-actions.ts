import { AppError } from "@/lib/errors";
import { assertCanApprove, assertCanReject, type Actor } from "@/lib/permissions";
import { ruleOf } from "@/lib/access/lock-request";
import type { RequestRow } from "@/lib/access/request-view";

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

function permits(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

export function allowedActions(actor: Actor, row: RequestRow, now = new Date()): AllowedActions {
  const rule = ruleOf(row);
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
