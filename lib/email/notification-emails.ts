import { createElement } from "react";
import { render } from "@react-email/render";
import { NotificationEmail, type NotificationEmailProps } from "@/lib/email/templates/notification-email";
import { displayName, formatUtc, progressLine, statusLine, type NotifiedRequest } from "@/lib/notifications/request-snapshot";

export type EmailTemplate = "approval_requested" | "approval_reminder" | "approved" | "rejected" | "revoked" | "expiring" | "timed_out" | "emergency_opened";

/** Templates sent to approvers (with approve/reject links); the rest go to the requester. */
export const APPROVER_TEMPLATES: readonly EmailTemplate[] = ["approval_requested", "approval_reminder"];

export type RenderedEmail = { subject: string; html: string; text: string };

export type EmailContext = {
  request: NotifiedRequest;
  /** Approver emails only: the signed single-use links. */
  links?: { approve: string; reject: string; expiresAt: Date };
  reminder?: number;
  now?: Date;
};

function facts(r: NotifiedRequest, now: Date) {
  return [
    { label: "Requester", value: `${displayName(r.requester)} (${r.requester.email})` },
    { label: "Connection", value: r.connection },
    { label: "Duration", value: r.duration },
    { label: "Reason", value: r.reason || "none given" },
    { label: "Approvals", value: progressLine(r) },
    { label: "Status", value: statusLine(r, now) },
  ];
}

/** The words and buttons of each kind of email. */
export function emailProps(template: EmailTemplate, ctx: EmailContext): NotificationEmailProps & { subject: string } {
  const r = ctx.request;
  const now = ctx.now ?? new Date();
  const who = displayName(r.requester);
  const base = { facts: facts(r, now), requestUrl: r.url, actions: [] as NotificationEmailProps["actions"] };
  const open = { label: "Open in Timebox", href: r.url, tone: "neutral" as const };
  const approverActions = ctx.links
    ? [
        { label: "Approve", href: ctx.links.approve, tone: "primary" as const },
        { label: "Reject", href: ctx.links.reject, tone: "danger" as const },
      ]
    : [open];
  const linkNote = ctx.links
    ? `Each button asks you to confirm in Timebox while signed in as yourself. The links work once, only for you, and stop working when the request is decided or at ${formatUtc(ctx.links.expiresAt)}.`
    : undefined;
  switch (template) {
    case "approval_requested":
      return {
        ...base,
        subject: `Approve? ${who} requests ${r.connection} for ${r.duration}`,
        preview: `${who} needs your approval for ${r.connection}`,
        heading: "An access request needs your approval",
        intro: `${who} asks for ${r.duration} of access to ${r.connection}.`,
        actions: approverActions,
        note: linkNote,
      };
    case "approval_reminder":
      return {
        ...base,
        subject: `Reminder: ${who} is waiting for ${r.connection}`,
        preview: `Still waiting for approval: ${r.connection}`,
        heading: `Reminder${ctx.reminder ? ` ${ctx.reminder}` : ""}: a request is still waiting`,
        intro: `${who} has been waiting since ${formatUtc(r.createdAt)} for ${r.duration} of access to ${r.connection}.`,
        actions: approverActions,
        note: linkNote,
      };
    case "approved":
      return {
        ...base,
        subject: `Access ready: ${r.connection} until ${r.expiresAt ? formatUtc(r.expiresAt) : "?"}`,
        preview: `Your access to ${r.connection} is approved`,
        heading: "Your access is ready",
        intro: `Your request for ${r.connection} was approved${r.decidedBy && r.decidedBy.id !== r.requester.id ? ` by ${displayName(r.decidedBy)}` : ""}. It expires at ${r.expiresAt ? formatUtc(r.expiresAt) : "?"}.`,
        actions: [open],
      };
    case "rejected":
      return {
        ...base,
        subject: `Request rejected: ${r.connection}`,
        preview: `Your request for ${r.connection} was rejected`,
        heading: "Your request was rejected",
        intro: `${r.decidedBy ? displayName(r.decidedBy) : "An approver"} rejected your request for ${r.connection}.${r.decisionNote ? ` Reason: ${r.decisionNote}` : " No reason was given."}`,
        actions: [open],
      };
    case "revoked":
      return {
        ...base,
        subject: `Access revoked: ${r.connection}`,
        preview: `Your access to ${r.connection} was revoked`,
        heading: "Your access was revoked",
        intro: `${r.endedBy ? displayName(r.endedBy) : "An admin"} revoked your access to ${r.connection}.${r.endNote ? ` Reason: ${r.endNote}` : ""}`,
        actions: [open],
      };
    case "timed_out":
      return {
        ...base,
        subject: `Request timed out: ${r.connection}`,
        preview: `Nobody decided your request for ${r.connection} in time`,
        heading: "Your request timed out",
        intro: `Nobody decided your request for ${r.connection} in time${r.endNote ? ` (${r.endNote.charAt(0).toLowerCase()}${r.endNote.slice(1)})` : ""}, so it expired. Request again if you still need access.`,
        actions: [open],
      };
    case "emergency_opened":
      return {
        ...base,
        subject: `EMERGENCY: ${who} broke the glass on ${r.connection}`,
        preview: `Break-glass access to ${r.connection} is open until ${r.expiresAt ? formatUtc(r.expiresAt) : "?"}`,
        heading: "Break-glass access was opened",
        intro: `${who} opened emergency access to ${r.connection} without approval, until ${r.expiresAt ? formatUtc(r.expiresAt) : "?"}. It waits for a post-incident review: open it in Timebox to acknowledge it with a note.`,
        actions: [{ label: "Review in Timebox", href: r.url, tone: "danger" as const }],
      };
    case "expiring":
      return {
        ...base,
        subject: `${r.connection} access expires in 10 minutes`,
        preview: `Your access to ${r.connection} ends at ${r.expiresAt ? formatUtc(r.expiresAt) : "soon"}`,
        heading: "Your access expires in 10 minutes",
        intro: `Your access to ${r.connection} ends at ${r.expiresAt ? formatUtc(r.expiresAt) : "soon"}. Request again if you need more time.`,
        actions: [open],
      };
  }
}

/** HTML and plain-text parts of one email, rendered from its react-email template. */
export async function renderNotificationEmail(template: EmailTemplate, ctx: EmailContext): Promise<RenderedEmail> {
  const { subject, ...props } = emailProps(template, ctx);
  const element = createElement(NotificationEmail, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}
