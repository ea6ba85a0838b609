"use client";

import { useEffect } from "react";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { api, query } from "@/lib/client/api";

const HOLD_SECONDS = 25;
const RETRY_MS = 3_000;

/**
 * Refreshes `queryKey` the moment a request's status, expiry or grant changes, through the
 * long-poll GET /api/v1/access-requests/{id}/wait (answered as soon as a commit in the
 * server changes the request). The page's one-second polling still covers everything else,
 * such as one group's approval, and takes over if the long-poll fails.
 */
export function useStatusWake(id: string, queryKey: QueryKey, enabled: boolean): void {
  const queryClient = useQueryClient();
  const key = JSON.stringify(queryKey);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const { signal } = controller;
    void (async () => {
      let since: string | undefined;
      while (!signal.aborted) {
        try {
          const result = await api<{ changed: boolean; fingerprint: string }>(
            `/api/v1/access-requests/${encodeURIComponent(id)}/wait${query({ since, timeout: HOLD_SECONDS })}`,
            { signal },
          );
          if (since !== undefined && result.changed) await queryClient.invalidateQueries({ queryKey: JSON.parse(key) as QueryKey });
          since = result.fingerprint;
        } catch {
          if (signal.aborted) return;
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    })();
    return () => controller.abort();
  }, [id, key, enabled, queryClient]);
}
