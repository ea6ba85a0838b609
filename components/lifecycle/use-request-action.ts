"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { AccessRequestView } from "@/lib/access/request-view";

export type LifecycleAction = "extend" | "release" | "acknowledge" | "approve";

/** Every list and page that shows requests (or counts them) refetches after a lifecycle action. */
export const REQUEST_QUERY_ROOTS = ["request", "requests", "reviews", "me", "emergency-reviews"] as const;

/**
 * Extend, release, acknowledge or approve-for-a-group through the REST API. The caller
 * shows the result (a toast, or the error in its dialog); lists refetch either way,
 * so a 409 leaves the page showing the request as it is now.
 */
export function useRequestAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body = {} }: { id: string; action: LifecycleAction; body?: Record<string, unknown> }) =>
      api<AccessRequestView>(`/api/v1/access-requests/${encodeURIComponent(id)}/${action}`, { method: "POST", body }),
    onSettled: () => Promise.all(REQUEST_QUERY_ROOTS.map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
}
