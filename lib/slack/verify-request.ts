import { createHmac, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readRawBody } from "@/lib/http/read-raw-body";

/** Slack's own rule: a request older (or newer) than five minutes may be a replay. */
export const MAX_SKEW_SECONDS = 5 * 60;
/** Slack payloads are small; anything bigger is not from Slack. */
export const MAX_SLACK_BODY_BYTES = 64 * 1024;

export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export type SignatureCheck = "ok" | "missing" | "bad_signature" | "stale";

/** The v0 check over the raw body, in constant time; then the timestamp window. */
export function checkSlackSignature(secret: string, timestamp: string | null, signature: string | null, body: string, now = new Date()): SignatureCheck {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return "missing";
  const expected = Buffer.from(slackSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad_signature";
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return "stale";
  return "ok";
}

/**
 * Authenticates a request from Slack: signing secret, v0 signature over the raw body,
 * a fresh timestamp, and never the same signed request twice (a replay inside the
 * five-minute window is refused). Returns the form fields.
 */
export async function verifySlackRequest(request: Request, now = new Date()): Promise<URLSearchParams> {
  const secret = env().SLACK_SIGNING_SECRET;
  if (!secret) throw new AppError("unavailable", "Slack is not set up on this Timebox: set SLACK_SIGNING_SECRET.");
  const body = await readRawBody(request, MAX_SLACK_BODY_BYTES);
  const signature = request.headers.get("x-slack-signature");
  const check = checkSlackSignature(secret, request.headers.get("x-slack-request-timestamp"), signature, body, now);
  if (check === "missing") throw new AppError("unauthenticated", "Missing X-Slack-Signature or X-Slack-Request-Timestamp.");
  if (check === "bad_signature") throw new AppError("unauthenticated", "The Slack signature does not match.");
  if (check === "stale") throw new AppError("unauthenticated", "The Slack request timestamp is more than five minutes away from now.");

  // Seen signatures are kept a little longer than the window that accepts them.
  const cutoff = new Date(now.getTime() - 2 * MAX_SKEW_SECONDS * 1000);
  await db().slackSeenRequest.deleteMany({ where: { seenAt: { lt: cutoff } } });
  const { count } = await db().slackSeenRequest.createMany({ data: [{ signature: signature!, seenAt: now }], skipDuplicates: true });
  if (count === 0) throw new AppError("conflict", "This Slack request was already handled (replay refused).");
  return new URLSearchParams(body);
}
