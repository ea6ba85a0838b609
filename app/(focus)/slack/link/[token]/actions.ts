"use server";

import { optionalPageActor } from "@/lib/auth/current-actor";
import { AppError } from "@/lib/errors";
import { linkSlackAccount } from "@/lib/slack/link-account";
import { actionMeta } from "@/lib/notifications/page-meta";

export type SlackLinkState = { status: "idle" } | { status: "done"; slackUserId: string } | { status: "error"; message: string };

/** The confirmed POST of a /timebox subscribe link. */
export async function confirmSlackLink(token: string): Promise<SlackLinkState> {
  const actor = await optionalPageActor();
  if (!actor) return { status: "error", message: "Your session ended. Sign in again and reopen the link." };
  try {
    const { slackUserId } = await linkSlackAccount({ actor, meta: await actionMeta() }, token);
    return { status: "done", slackUserId };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message };
    throw error;
  }
}
