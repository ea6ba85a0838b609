"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { cn } from "@/lib/utils";

export const REVIEW_COUNT_KEY = ["me", "reviewCount"] as const;

/**
 * How many requests wait for the signed-in user, from /api/v1/me. Seeded by the
 * server-rendered shell, refreshed every 15 s and after every decision (which
 * invalidates ["me"]).
 */
export function useReviewCount(initial?: number): number {
  const { data } = useQuery({
    queryKey: REVIEW_COUNT_KEY,
    queryFn: async ({ signal }) => (await api<{ reviewableCount: number }>("/api/v1/me", { signal })).reviewableCount,
    initialData: initial,
    staleTime: 5_000,
    refetchInterval: 15_000,
  });
  return data ?? 0;
}

/** The count beside "Reviews" in the navigation; hidden at zero. */
export function ReviewCountBadge({ initial, className }: { initial?: number; className?: string }) {
  const count = useReviewCount(initial);
  if (count <= 0) return null;
  return (
    <span
      className={cn("ml-auto min-w-5 rounded-full bg-primary px-1.5 py-0.5 text-center text-xs leading-none font-semibold text-primary-foreground tabular-nums", className)}
      data-testid="review-count"
    >
      {count > 99 ? "99+" : count}
      <span className="sr-only"> waiting for your review</span>
    </span>
  );
}
