import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, inTransaction } from "@/lib/db";
import { AppError, invalidInput } from "@/lib/errors";
import { parseJson } from "@/lib/http/parse-json";
import { zodMessage } from "@/lib/validation";
import { assertCanReject, type Actor } from "@/lib/permissions";
import { enqueueJobs } from "@/lib/outbox/enqueue-job";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { loadRequestRow } from "@/lib/access/request-view";
import { ruleOf } from "@/lib/access/lock-request";
import type { RequestMeta } from "@/lib/access/context";
import { NOTIFY } from "@/lib/notifications/kinds";
import { loadNotifiedRequest } from "@/lib/notifications/request-snapshot";
import { requestPageUrl } from "@/lib/notifications/links";
import { actorForSlackUser } from "@/lib/slack/link-account";
import { slackClient } from "@/lib/slack/client";
import { ACTION_APPROVE, ACTION_REJECT, REJECT_MODAL, REJECT_REASON_BLOCK, REJECT_REASON_INPUT, rejectModal } from "@/lib/slack/messages";

export const UNLINKED_MESSAGE =
  "Your Slack account is not linked to a Timebox account, so nothing was changed. Run `/timebox subscribe` to link it.";

/**
 * The parts of Slack's interaction payloads this endpoint reads, typed as Slack sends them
 * (strings where Slack sends strings). The payload is signed, but it is still input: a
 * wrong type is refused with a 400 before anything runs. Unknown keys are dropped.
 */
export const slackInteraction = z.object({
  type: z.string(),
  user: z.object({ id: z.string().optional() }).optional(),
  channel: z.object({ id: z.string().optional() }).nullish(),
  trigger_id: z.string().optional(),
  actions: z.array(z.object({ action_id: z.string().optional(), value: z.string().optional() })).optional(),
  view: z
    .object({
      callback_id: z.string().optional(),
      private_metadata: z.string().optional(),
      // Input elements other than plain text (selects, dates) carry no `value`; they are ignored.
      state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))).optional() }).optional(),
    })
    .optional(),
});

export type SlackInteraction = z.infer<typeof slackInteraction>;

/** The `payload` form field of an interaction request: JSON (well-formed text) of the shape above. */
export function parseInteractionPayload(text: string | null): SlackInteraction {
  if (text === null) throw invalidInput("Expected a form field `payload` holding JSON.");
  const result = slackInteraction.safeParse(parseJson(text, "The payload"));
  if (!result.success) throw invalidInput(`The payload is not a Slack interaction: ${zodMessage(result.error)}`);
  return result.data;
}

/** What the reject dialog carries in its private_metadata (written by rejectModal in lib/slack/messages.ts). */
export const rejectDialogMetadata = z.object({ requestId: z.string().min(1) });

/** A body to answer Slack with (view_submission errors), or null for an empty 200. */
export type InteractionReply = Record<string, unknown> | null;

/**
 * A private note to the person who pressed a button. It goes through the outbox: it is
 * sent at once (the commit wakes the worker), retried briefly, and never blocks the
 * three seconds Slack gives us to answer.
 */
async function tellPrivately(payload: SlackInteraction, text: string, requestId?: string): Promise<void> {
  const user = payload.user?.id;
  if (!user) return;
  await inTransaction((tx) =>
    enqueueJobs(tx, [
      {
        kind: NOTIFY.slackEphemeral,
        payload: { user, text, ...(payload.channel?.id ? { channel: payload.channel.id } : {}) },
        dedupeKey: `slack.ephemeral:${randomUUID()}`,
        maxAttempts: 3,
        ...(requestId ? { requestId } : {}),
      },
    ]),
  );
}

/** Runs a domain action as the Slack user's Timebox account; a refusal becomes the user's private explanation. */
async function asTimeboxUser(payload: SlackInteraction, requestId: string, act: (actor: Actor) => Promise<unknown>): Promise<void> {
  const actor = await actorForSlackUser(payload.user?.id ?? "");
  if (!actor) return tellPrivately(payload, UNLINKED_MESSAGE, requestId);
  try {
    await act(actor);
  } catch (error) {
    if (error instanceof AppError) return tellPrivately(payload, `Nothing was changed: ${error.message}`, requestId);
    throw error;
  }
}

export async function handleInteraction(payload: SlackInteraction, meta: RequestMeta, now = new Date()): Promise<InteractionReply> {
  if (payload.type === "block_actions") {
    const action = payload.actions?.[0];
    const requestId = action?.value ?? "";
    if (action?.action_id === ACTION_APPROVE) {
      await asTimeboxUser(payload, requestId, (actor) => approveRequest({ actor, meta, now }, requestId, {}));
    } else if (action?.action_id === ACTION_REJECT) {
      await openRejectDialog(payload, requestId, now);
    }
    // Other actions (the "Open in Timebox" link button) need only an acknowledgement.
    return null;
  }
  if (payload.type === "view_submission" && payload.view?.callback_id === REJECT_MODAL) {
    return submitReject(payload, meta, now);
  }
  return null;
}

/** Reject asks for a reason first. The rules are checked before the dialog opens, and again on submit. */
async function openRejectDialog(payload: SlackInteraction, requestId: string, now: Date): Promise<void> {
  await asTimeboxUser(payload, requestId, async (actor) => {
    const row = await loadRequestRow(db(), requestId);
    if (!row) throw new AppError("not_found", "That request no longer exists.");
    assertCanReject(actor, row.requesterId, ruleOf(row));
    if (row.status !== "PENDING") throw new AppError("conflict", `The request is already ${row.status}.`);
    const r = await loadNotifiedRequest(requestId, now);
    try {
      await slackClient().views.open({
        trigger_id: payload.trigger_id ?? "",
        view: rejectModal(r!, { requestId, ...(payload.channel?.id ? { channel: payload.channel.id } : {}) }) as never,
      });
    } catch (error) {
      console.error("Timebox: Slack views.open failed:", (error as Error).message);
      await tellPrivately(payload, `Could not open the reject dialog. Reject it in Timebox instead: ${requestPageUrl(requestId)}`, requestId);
    }
  });
}

async function submitReject(payload: SlackInteraction, meta: RequestMeta, now: Date): Promise<InteractionReply> {
  const fail = (message: string) => ({ response_action: "errors", errors: { [REJECT_REASON_BLOCK]: message } });
  const target = readRejectDialogMetadata(payload.view?.private_metadata);
  if (!target) return fail("This dialog is out of date; reject the request in Timebox.");
  const actor = await actorForSlackUser(payload.user?.id ?? "");
  if (!actor) return fail(UNLINKED_MESSAGE);
  const reason = payload.view?.state?.values?.[REJECT_REASON_BLOCK]?.[REJECT_REASON_INPUT]?.value?.trim() || undefined;
  try {
    await rejectRequest({ actor, meta, now }, target.requestId, reason ? { reason } : {});
  } catch (error) {
    if (error instanceof AppError) return fail(`Nothing was changed: ${error.message}`);
    throw error;
  }
  return null;
}

/** The dialog's request id, or null when the metadata is not what rejectModal wrote (answered as an out-of-date dialog). */
function readRejectDialogMetadata(text: string | undefined): { requestId: string } | null {
  try {
    const result = rejectDialogMetadata.safeParse(parseJson(text ?? ""));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
