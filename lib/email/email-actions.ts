import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, conflict } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { allowedActions } from "@/lib/access/allowed-actions";
import { loadRequestRow, toRequestView, type AccessRequestView } from "@/lib/access/request-view";
import type { ActionContext } from "@/lib/access/context";
import { newNonce, signToken, verifyToken } from "@/lib/notifications/signed-token";
import { markTokenUsed, releaseTokenUse, tokenUse } from "@/lib/notifications/used-tokens";
import { publicUrl } from "@/lib/notifications/links";

/** Approve-by-email links die after 24 h, or sooner when the request is decided. */
export const EMAIL_ACTION_TTL_MS = 24 * 60 * 60 * 1000;

export type EmailAction = "approve" | "reject";

type Claims = { r: string; u: string; a: EmailAction; n: string; x: number };

export type EmailActionLinks = { approve: string; reject: string; expiresAt: Date };

/**
 * The Approve and Reject links of one email to one approver. They share one nonce, so
 * using either uses up both.
 */
export function emailActionLinks(requestId: string, userId: string, now = new Date()): EmailActionLinks {
  const expiresAt = new Date(now.getTime() + EMAIL_ACTION_TTL_MS);
  const n = newNonce();
  const link = (a: EmailAction) =>
    `${publicUrl()}/email-actions/${signToken("email-action", { r: requestId, u: userId, a, n, x: Math.floor(expiresAt.getTime() / 1000) })}`;
  return { approve: link("approve"), reject: link("reject"), expiresAt };
}

function readClaims(token: string): Claims | null {
  const c = verifyToken<Claims>("email-action", token);
  if (!c || typeof c.r !== "string" || typeof c.u !== "string" || typeof c.n !== "string" || typeof c.x !== "number") return null;
  if (c.a !== "approve" && c.a !== "reject") return null;
  return c;
}

export type EmailActionCheck =
  | { ok: true; action: EmailAction; request: AccessRequestView; expiresAt: Date }
  | { ok: false; code: "invalid" | "expired" | "wrong_user" | "used" | "decided" | "not_allowed" | "already_approved"; message: string; requestId?: string };

/**
 * Everything that decides whether a link may act, without acting: the confirmation
 * page (GET) shows the outcome, and the POST checks it again before acting.
 */
export async function checkEmailAction(actor: Actor, token: string, now = new Date()): Promise<EmailActionCheck> {
  const claims = readClaims(token);
  if (!claims) return { ok: false, code: "invalid", message: "This link is not valid. It may have been changed or cut short; open it from the email again." };
  const refuse = (code: Exclude<EmailActionCheck, { ok: true }>["code"], message: string): EmailActionCheck => ({ ok: false, code, message, requestId: claims.r });
  if (claims.u !== actor.id) {
    return refuse("wrong_user", `This link was sent to someone else. You are signed in as ${actor.email}; links in approval emails work only for the person they were sent to.`);
  }
  const use = await tokenUse(claims.n);
  if (use) return refuse("used", "This link was already used. Each approval link works once; open the request in Timebox to see where it stands.");
  if (claims.x * 1000 <= now.getTime()) return refuse("expired", "This link has expired (links work for 24 hours). Open the request in Timebox instead.");
  const row = await loadRequestRow(db(), claims.r);
  if (!row) return refuse("invalid", "The request this link is for no longer exists.");
  const view = toRequestView(row, now);
  if (row.status !== "PENDING") return refuse("decided", `This request is already ${row.status.toLowerCase()}, so the link no longer works.`);
  const allowed = allowedActions(actor, row, now);
  if (claims.a === "approve" && allowed.approvedByViewer) return refuse("already_approved", "You have already approved this request.");
  if (claims.a === "approve" ? !allowed.canApprove : !allowed.canReject) {
    return refuse("not_allowed", `You can no longer ${claims.a} this request: you are not in any of its approval groups.`);
  }
  return { ok: true, action: claims.a, request: view, expiresAt: new Date(claims.x * 1000) };
}

export const emailActionInput = z.object({ reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").optional() });

const REFUSAL_CODES = { invalid: "forbidden", wrong_user: "forbidden", not_allowed: "forbidden", used: "conflict", expired: "conflict", decided: "conflict", already_approved: "conflict" } as const;

/**
 * The POST behind a confirmed link: uses the link up, then acts through the same domain
 * function as the web and the API. A refusal leaves the link used; a failure we cannot
 * blame on the link (the database was down) gives it back so it can be tried again.
 */
export async function performEmailAction(ctx: ActionContext, token: string, raw: unknown = {}): Promise<{ action: EmailAction; request: AccessRequestView }> {
  const input = parseInput(emailActionInput, raw);
  const now = ctx.now ?? new Date();
  const check = await checkEmailAction(ctx.actor, token, now);
  if (!check.ok) {
    throw new AppError(REFUSAL_CODES[check.code], check.message, { reason: check.code });
  }
  const claims = readClaims(token)!;
  const fresh = await markTokenUsed({ nonce: claims.n, purpose: "email-action", userId: ctx.actor.id, expiresAt: check.expiresAt }, now);
  if (!fresh) throw conflict("This link was already used. Each approval link works once.", { reason: "used" });
  try {
    const request =
      check.action === "approve"
        ? await approveRequest(ctx, claims.r, {})
        : await rejectRequest(ctx, claims.r, input.reason ? { reason: input.reason } : {});
    return { action: check.action, request };
  } catch (error) {
    if (!(error instanceof AppError)) await releaseTokenUse(claims.n).catch(() => undefined);
    throw error;
  }
}

