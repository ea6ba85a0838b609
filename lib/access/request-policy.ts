import { z } from "zod";
import { formatDuration } from "@/lib/access/duration";

export const TICKET_MODES = ["off", "optional", "required"] as const;
export type TicketMode = (typeof TICKET_MODES)[number];

export type RequestPolicy = {
  reasonRequired: boolean;
  reasonMinLength: number;
  reasonPattern: string | null;
  ticketMode: string;
  ticketPattern: string | null;
};

/** A pattern admins type in: must compile, and stays short enough to reason about. */
export const policyPattern = z
  .string()
  .trim()
  .max(200, "patterns are at most 200 characters")
  .refine((p) => {
    try {
      new RegExp(p, "u");
      return true;
    } catch {
      return false;
    }
  }, "is not a valid regular expression");

/** Problems with a request's reason and ticket under a connection's policy, as messages for the requester. */
export function requestPolicyProblems(policy: RequestPolicy, input: { reason: string; ticket?: string }): string[] {
  const problems: string[] = [];
  const reason = input.reason.trim();
  if ((policy.reasonRequired || policy.reasonMinLength > 0) && reason.length === 0) {
    problems.push("A reason is required for this connection.");
  } else if (reason.length < policy.reasonMinLength) {
    problems.push(`The reason must be at least ${policy.reasonMinLength} characters.`);
  }
  if (reason && policy.reasonPattern && !new RegExp(policy.reasonPattern, "u").test(reason)) {
    problems.push(`The reason must match ${policy.reasonPattern}.`);
  }
  const ticket = input.ticket?.trim() ?? "";
  if (policy.ticketMode === "off" && ticket) problems.push("This connection does not take a ticket.");
  if (policy.ticketMode === "required" && !ticket) problems.push("A ticket is required for this connection.");
  if (ticket && policy.ticketPattern && !new RegExp(policy.ticketPattern, "u").test(ticket)) {
    problems.push(`The ticket must match ${policy.ticketPattern}.`);
  }
  return problems;
}

/** The policy in words, for the request form and admin pages. */
export function describePolicy(policy: RequestPolicy & { pendingTimeoutSeconds: number }): string[] {
  const lines: string[] = [];
  if (policy.reasonRequired || policy.reasonMinLength > 0) {
    lines.push(policy.reasonMinLength > 0 ? `A reason of at least ${policy.reasonMinLength} characters is required.` : "A reason is required.");
  }
  if (policy.reasonPattern) lines.push(`The reason must match ${policy.reasonPattern}.`);
  if (policy.ticketMode !== "off") {
    lines.push(`A ticket is ${policy.ticketMode}${policy.ticketPattern ? ` (format ${policy.ticketPattern})` : ""}.`);
  }
  lines.push(`Requests not decided within ${formatDuration(policy.pendingTimeoutSeconds)} expire.`);
  return lines;
}
