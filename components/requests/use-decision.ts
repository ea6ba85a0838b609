"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { api, ApiError, errorMessage } from "@/lib/client/api";
import type { AccessRequestView } from "@/lib/access/request-view";

export type Decision = "approve" | "reject" | "revoke" | "force-approve";

const BODY: Record<Decision, (text: string) => Record<string, string | undefined>> = {
  approve: (text) => (text ? { comment: text } : {}),
  reject: (text) => (text ? { reason: text } : {}),
  revoke: (text) => ({ reason: text }),
  "force-approve": (text) => ({ reason: text }),
};

function successMessage(decision: Decision, r: AccessRequestView): { title: string; description?: string } {
  const who = r.requester.name ?? r.requester.email;
  switch (decision) {
    case "approve": {
      if (r.status === "APPROVED") return { title: `Approved: ${who} has access to ${r.connection}`, description: `for ${r.duration}` };
      const waiting = r.groups.filter((g) => !g.satisfied).map((g) => g.name);
      return { title: "Your approval is recorded", description: waiting.length ? `Still waiting on ${waiting.join(" and ")}.` : undefined };
    }
    case "reject":
      return { title: `Rejected ${who}'s request for ${r.connection}` };
    case "revoke":
      return { title: `Revoked ${who}'s access to ${r.connection}` };
    case "force-approve":
      return { title: `Force approved: ${who} has access to ${r.connection}`, description: `for ${r.duration}` };
  }
}

/**
 * Approve, reject, revoke or force approve through the REST API. Every list and page
 * that shows requests refetches afterwards, including after a 409: the request changed
 * meanwhile, so the caller sees its current state next to the error.
 */
export function useDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, text = "" }: { id: string; decision: Decision; text?: string }) =>
      api<AccessRequestView>(`/api/v1/access-requests/${encodeURIComponent(id)}/${decision}`, { method: "POST", body: BODY[decision](text) }),
    onSuccess: (request, { decision }) => {
      const message = successMessage(decision, request);
      toast.success(message.title, { description: message.description });
    },
    onSettled: () => Promise.all(["request", "requests", "reviews", "me"].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
}

/** For buttons without a dialog of their own: the failure as a toast, worded for a 409. */
export function toastDecisionError(error: unknown): void {
  if (error instanceof ApiError && error.isConflict) toast.error("This request changed meanwhile", { description: error.message });
  else toast.error("That did not work", { description: errorMessage(error) });
}
