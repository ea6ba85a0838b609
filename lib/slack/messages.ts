import type { RequesterNews } from "@/lib/notifications/kinds";
import { displayName, formatUtc, progressLine, statusLine, type NotifiedRequest } from "@/lib/notifications/request-snapshot";

// Slack Block Kit, kept as plain objects: the web API accepts them as JSON.
export type Block = Record<string, unknown>;
export type SlackMessage = { text: string; blocks: Block[] };

export const ACTION_APPROVE = "timebox_approve";
export const ACTION_REJECT = "timebox_reject";
export const ACTION_OPEN = "timebox_open";
export const REJECT_MODAL = "timebox_reject_modal";
export const REJECT_REASON_BLOCK = "reason";
export const REJECT_REASON_INPUT = "reason_input";

/** Slack's mrkdwn needs only these three escaped; it also stops <!channel>-style pings from user text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Slack shows this in each reader's own time zone; the fallback is UTC. */
export function slackDate(date: Date): string {
  return `<!date^${Math.floor(date.getTime() / 1000)}^{time} {date_short_pretty}|${formatUtc(date)}>`;
}

const STATE_EMOJI: Partial<Record<NotifiedRequest["status"], string>> = {
  PENDING: ":hourglass_flowing_sand:",
  APPROVED: ":white_check_mark:",
  REJECTED: ":x:",
  REVOKED: ":no_entry:",
  EXECUTED: ":checkered_flag:",
  EXPIRED: ":hourglass:",
};

const openButton = (r: NotifiedRequest) => ({
  type: "button",
  action_id: ACTION_OPEN,
  text: { type: "plain_text", text: "Open in Timebox" },
  url: r.url,
});

/** The channel message for a request: details, per-group progress, and buttons while it is pending. */
export function requestMessage(r: NotifiedRequest, now = new Date()): SlackMessage {
  const who = escapeSlack(displayName(r.requester));
  const state = statusLine(r, now, { date: slackDate, text: escapeSlack });
  const blocks: Block[] = [
    {
      type: "section",
      text: { type: "mrkdwn", text: `*${who}* requests access to *${escapeSlack(r.connection)}* for *${r.duration}*` },
    },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Requester*\n${who} (${escapeSlack(r.requester.email)})` },
        { type: "mrkdwn", text: `*Connection*\n${escapeSlack(r.connection)}` },
        { type: "mrkdwn", text: `*Duration*\n${r.duration}` },
        { type: "mrkdwn", text: `*Reason*\n${r.reason ? escapeSlack(clip(r.reason, 1500)) : "_none given_"}` },
      ],
    },
    { type: "context", elements: [{ type: "mrkdwn", text: escapeSlack(progressLine(r)) }] },
  ];
  if (r.status === "PENDING") {
    blocks.push({
      type: "actions",
      block_id: `timebox_actions`,
      elements: [
        { type: "button", action_id: ACTION_APPROVE, style: "primary", value: r.id, text: { type: "plain_text", text: "Approve" } },
        { type: "button", action_id: ACTION_REJECT, style: "danger", value: r.id, text: { type: "plain_text", text: "Reject" } },
        openButton(r),
      ],
    });
  } else {
    blocks.push(
      { type: "section", text: { type: "mrkdwn", text: `${STATE_EMOJI[r.status] ?? ":information_source:"} *${state}*` } },
      { type: "actions", block_id: "timebox_links", elements: [openButton(r)] },
    );
  }
  return { text: `${displayName(r.requester)} requests ${r.connection} for ${r.duration}: ${statusLine(r, now)}`, blocks };
}

/** A DM to the requester about a decision on their request, or its coming expiry. */
export function requesterMessage(r: NotifiedRequest, what: RequesterNews): SlackMessage {
  const conn = `*${escapeSlack(r.connection)}*`;
  let line: string;
  switch (what) {
    case "approved":
      line = `:white_check_mark: Your access to ${conn} is ready${r.decidedBy && r.decidedBy.id !== r.requester.id ? `, approved by ${escapeSlack(displayName(r.decidedBy))}` : ""}. It lasts until ${r.expiresAt ? slackDate(r.expiresAt) : "?"}.`;
      break;
    case "rejected":
      line = `:x: Your request for ${conn} was rejected${r.decidedBy ? ` by ${escapeSlack(displayName(r.decidedBy))}` : ""}${r.decisionNote ? `: “${escapeSlack(clip(r.decisionNote, 1500))}”` : "."}`;
      break;
    case "revoked":
      line = `:no_entry: Your access to ${conn} was revoked${r.endedBy ? ` by ${escapeSlack(displayName(r.endedBy))}` : ""}${r.endNote ? `: “${escapeSlack(clip(r.endNote, 1500))}”` : "."}`;
      break;
    case "expiring":
      line = `:alarm_clock: Your access to ${conn} expires in 10 minutes (${r.expiresAt ? slackDate(r.expiresAt) : "soon"}). Request again if you need more time.`;
      break;
    case "timed_out":
      line = `:hourglass: Your request for ${conn} timed out: nobody decided it in time. Request again if you still need access.`;
      break;
  }
  const plain = line.replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, "$1").replace(/[*“”]/g, "").replace(/:[a-z_]+: /, "");
  return {
    text: plain,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: line } },
      { type: "actions", block_id: "timebox_links", elements: [openButton(r)] },
    ],
  };
}

/** A thread reply under the channel message, naming who is still needed. */
export function reminderMessage(r: NotifiedRequest, waitingOn: { group: string; slackUserIds: string[] }[], n: number): SlackMessage {
  const parts = waitingOn.map((w) => `${escapeSlack(w.group)}${w.slackUserIds.length ? ` (${w.slackUserIds.map((id) => `<@${id}>`).join(" ")})` : ""}`);
  const text = `:bell: Reminder ${n}: ${escapeSlack(displayName(r.requester))} is still waiting for *${escapeSlack(r.connection)}*. Needed: ${parts.join(", ") || "an approval"}.`;
  return { text: text.replace(/\*/g, ""), blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

/** The modal the Reject button opens. private_metadata carries the request (and where to answer). */
export function rejectModal(r: NotifiedRequest, metadata: { requestId: string; channel?: string }): Block {
  return {
    type: "modal",
    callback_id: REJECT_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: "Reject request" },
    submit: { type: "plain_text", text: "Reject" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `Reject *${escapeSlack(displayName(r.requester))}*'s request for *${escapeSlack(r.connection)}* (${r.duration})?` },
      },
      {
        type: "input",
        block_id: REJECT_REASON_BLOCK,
        label: { type: "plain_text", text: "Reason" },
        element: {
          type: "plain_text_input",
          action_id: REJECT_REASON_INPUT,
          multiline: true,
          max_length: 2000,
          placeholder: { type: "plain_text", text: "Tell the requester why" },
        },
      },
    ],
  };
}
