import { displayName, progressLine, statusLine, type NotifiedRequest } from "@/lib/notifications/request-snapshot";

export type TeamsEvent = "created" | "reminder" | "approved" | "rejected" | "revoked" | "emergency";

const HEADLINES: Record<TeamsEvent, (r: NotifiedRequest, n?: number) => string> = {
  created: (r) => (r.status === "PENDING" || !r.autoApproved ? "New access request" : "Access granted without approval"),
  reminder: (_r, n) => `Reminder${n ? ` ${n}` : ""}: still waiting for approval`,
  approved: () => "Access request approved",
  rejected: () => "Access request rejected",
  revoked: () => "Access revoked",
  emergency: () => "EMERGENCY: break-glass access opened",
};

const COLORS: Record<TeamsEvent, string> = { created: "Accent", reminder: "Warning", approved: "Good", rejected: "Attention", revoked: "Attention", emergency: "Attention" };

/**
 * An incoming-webhook message carrying an Adaptive Card. Teams webhooks cannot edit a
 * card they posted, so each decision is a follow-up card with the request's state.
 */
export function requestCard(r: NotifiedRequest, event: TeamsEvent, opts: { now?: Date; n?: number } = {}) {
  const now = opts.now ?? new Date();
  const facts = [
    { title: "Requester", value: `${displayName(r.requester)} (${r.requester.email})` },
    { title: "Connection", value: r.connection },
    { title: "Duration", value: r.duration },
    { title: "Reason", value: r.reason || "none given" },
    { title: "Approvals", value: progressLine(r) },
    { title: "Status", value: statusLine(r, now) },
  ];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body: [
            { type: "TextBlock", size: "Medium", weight: "Bolder", color: COLORS[event], text: HEADLINES[event](r, opts.n), wrap: true },
            {
              type: "TextBlock",
              text: `${displayName(r.requester)} requests **${r.connection}** for **${r.duration}**`,
              wrap: true,
            },
            { type: "FactSet", facts },
          ],
          actions: [{ type: "Action.OpenUrl", title: "Review in Timebox", url: r.url }],
        },
      },
    ],
  };
}
