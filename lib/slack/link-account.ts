import { z } from "zod";
import { db, inTransaction, type Tx } from "@/lib/db";
import { AppError, conflict, notFound } from "@/lib/errors";
import { requireAdmin, type Actor } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import { loadActor } from "@/lib/auth/load-actor";
import type { ActionContext } from "@/lib/access/context";
import { newNonce, signToken, verifyToken } from "@/lib/notifications/signed-token";
import { markTokenUsed, tokenUse } from "@/lib/notifications/used-tokens";
import { publicUrl } from "@/lib/notifications/links";

/** A /timebox subscribe link works once, for 15 minutes. */
export const SLACK_LINK_TTL_MS = 15 * 60_000;

export const slackUserId = z.string().trim().regex(/^[UW][A-Z0-9]{2,30}$/, "a Slack user id looks like U0123ABCD");

type Claims = { s: string; t: string; n: string; x: number };

export function slackLinkUrl(slackUser: string, teamId: string, now = new Date()): { url: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + SLACK_LINK_TTL_MS);
  const token = signToken("slack-link", { s: slackUser, t: teamId, n: newNonce(), x: Math.floor(expiresAt.getTime() / 1000) });
  return { url: `${publicUrl()}/slack/link/${token}`, expiresAt };
}

function readClaims(token: string): Claims | null {
  const c = verifyToken<Claims>("slack-link", token);
  if (!c || typeof c.s !== "string" || typeof c.n !== "string" || typeof c.x !== "number") return null;
  return slackUserId.safeParse(c.s).success ? c : null;
}

export type SlackLinkCheck =
  | { ok: true; slackUserId: string; teamId: string; alreadyLinkedTo: string | null }
  | { ok: false; code: "invalid" | "expired" | "used" | "used_by_other" | "taken"; message: string };

/** What opening a link would do, for the confirmation page: nothing changes here. */
export async function checkSlackLink(actor: Actor, token: string, now = new Date()): Promise<SlackLinkCheck> {
  const c = readClaims(token);
  if (!c) return { ok: false, code: "invalid", message: "This link is not valid. Run /timebox subscribe in Slack for a new one." };
  const use = await tokenUse(c.n);
  if (use) {
    return use.userId === actor.id
      ? { ok: false, code: "used", message: "This link was already used. Run /timebox subscribe in Slack for a new one." }
      : { ok: false, code: "used_by_other", message: "This link was already used by another Timebox account, so it cannot link yours." };
  }
  if (c.x * 1000 <= now.getTime()) return { ok: false, code: "expired", message: "This link has expired (links work for 15 minutes). Run /timebox subscribe in Slack for a new one." };
  const holder = await db().user.findUnique({ where: { slackUserId: c.s }, select: { id: true, email: true } });
  if (holder && holder.id !== actor.id) {
    return { ok: false, code: "taken", message: "This Slack account is already linked to another Timebox account. Run /timebox unsubscribe in Slack first, or ask an admin." };
  }
  const mine = await db().user.findUnique({ where: { id: actor.id }, select: { slackUserId: true } });
  return { ok: true, slackUserId: c.s, teamId: c.t, alreadyLinkedTo: mine?.slackUserId ?? null };
}

const CODES = { invalid: "forbidden", used_by_other: "forbidden", used: "conflict", expired: "conflict", taken: "conflict" } as const;

/** The confirmed POST: uses the link up and links the Slack user to the signed-in account. */
export async function linkSlackAccount(ctx: ActionContext, token: string): Promise<{ slackUserId: string }> {
  const now = ctx.now ?? new Date();
  const check = await checkSlackLink(ctx.actor, token, now);
  if (!check.ok) throw new AppError(CODES[check.code], check.message, { reason: check.code });
  const c = readClaims(token)!;
  return inTransaction(async (tx) => {
    const fresh = await markTokenUsed({ nonce: c.n, purpose: "slack-link", userId: ctx.actor.id, expiresAt: new Date(c.x * 1000) }, now, tx);
    if (!fresh) throw conflict("This link was already used. Run /timebox subscribe in Slack for a new one.", { reason: "used" });
    await assignSlackUser(tx, ctx, ctx.actor.id, check.slackUserId, "slack link");
    return { slackUserId: check.slackUserId };
  });
}


async function assignSlackUser(tx: Tx, ctx: ActionContext, userId: string, slackUser: string | null, via: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, slackUserId: true } });
  if (!user) throw notFound(`No user with id "${userId}".`);
  if (slackUser) {
    const holder = await tx.user.findUnique({ where: { slackUserId: slackUser }, select: { id: true, email: true } });
    if (holder && holder.id !== userId) throw conflict(`Slack user ${slackUser} is already linked to ${holder.email}.`);
  }
  try {
    await tx.user.update({ where: { id: userId }, data: { slackUserId: slackUser } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw conflict(`Slack user ${slackUser} is already linked to another account.`);
    throw error;
  }
  await recordEvent(tx, ctx, {
    action: slackUser ? "user.slack_linked" : "user.slack_unlinked",
    targetType: "user",
    targetId: userId,
    data: { email: user.email, before: user.slackUserId, after: slackUser, via },
  });
}

export const setSlackUserInput = z.object({ slackUserId: z.union([slackUserId, z.literal(""), z.null()]) }).strict();

/** Admin: sets (or clears, with null) a user's Slack id. `who` is a user id or an email. */
export async function setSlackUserId(ctx: ActionContext, who: string, raw: unknown): Promise<{ id: string; email: string; slackUserId: string | null }> {
  const { slackUserId: value } = parseInput(setSlackUserInput, raw);
  requireAdmin(ctx.actor, "set a user's Slack account");
  return inTransaction(async (tx) => {
    const user = await tx.user.findFirst({ where: who.includes("@") ? { email: who } : { id: who }, select: { id: true, email: true } });
    if (!user) throw notFound(`No user "${who}".`);
    await assignSlackUser(tx, ctx, user.id, value || null, "admin");
    return { id: user.id, email: user.email, slackUserId: value || null };
  });
}

/** /timebox unsubscribe: the Slack user unlinks themselves. */
export async function unlinkSlackUser(slackUser: string, meta?: ActionContext["meta"]): Promise<string | null> {
  const user = await db().user.findUnique({ where: { slackUserId: slackUser }, select: { id: true } });
  if (!user) return null;
  const actor = await loadActor(db(), user.id);
  if (!actor) return null;
  await inTransaction((tx) => assignSlackUser(tx, { actor, meta }, user.id, null, "slack unsubscribe"));
  return actor.email;
}

/** The Timebox user behind a Slack user, loaded fresh with their groups; null when unlinked. */
export async function actorForSlackUser(slackUser: string): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { slackUserId: slackUser }, select: { id: true } });
  return user ? loadActor(db(), user.id) : null;
}

