"use client";

import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ArrowRightIcon, Loader2Icon, ShieldCheckIcon, SirenIcon } from "lucide-react";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/empty-state";
import { EmergencyBadge } from "@/components/requests/emergency-badge";
import { StatusBadge } from "@/components/requests/status-badge";
import { LocalDateTime, TimeAgo } from "@/components/time/time-labels";
import { api, query } from "@/lib/client/api";
import type { EmergencyReviewPage } from "@/lib/access/emergency-reviews";
import type { AccessRequestView } from "@/lib/access/request-view";
import { initials } from "@/lib/utils";

const PAGE = 25;
export const EMERGENCY_REVIEWS_KEY = ["emergency-reviews"] as const;

/** The post-incident review queue: break-glass grants the viewer may acknowledge, oldest first. */
export function useEmergencyReviews(initial?: EmergencyReviewPage) {
  return useInfiniteQuery({
    queryKey: [...EMERGENCY_REVIEWS_KEY, "list"],
    queryFn: ({ pageParam, signal }) => api<EmergencyReviewPage>(`/api/v1/reviews/emergency${query({ cursor: pageParam, limit: PAGE })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...(initial ? { initialData: { pages: [initial], pageParams: [undefined] } } : {}),
    refetchInterval: 10_000,
  });
}

/** How many break-glass grants wait for the viewer's review; kept fresh for the banner and the tab badge. */
export function useEmergencyReviewCount(initial?: number): number {
  const { data } = useQuery({
    queryKey: [...EMERGENCY_REVIEWS_KEY, "count"],
    queryFn: async ({ signal }) => (await api<EmergencyReviewPage>(`/api/v1/reviews/emergency${query({ limit: 1 })}`, { signal })).count,
    initialData: initial,
    refetchInterval: 15_000,
  });
  return data ?? 0;
}

/**
 * Unacknowledged break-glass grants stay visible until someone reviews them: a banner
 * on the dashboard pages for approvers and admins who can acknowledge them.
 */
export function EmergencyReviewBanner({ initialCount }: { initialCount: number }) {
  const count = useEmergencyReviewCount(initialCount);
  if (count <= 0) return null;
  return (
    <div
      role="status"
      className="mb-6 flex flex-col gap-3 rounded-xl border border-destructive/40 bg-destructive/6 px-4 py-3 sm:flex-row sm:items-center"
      data-testid="emergency-review-banner"
    >
      <span className="grid size-9 shrink-0 place-items-center rounded-full bg-destructive/12 text-destructive" aria-hidden="true">
        <SirenIcon className="size-5" />
      </span>
      <p className="flex-1 text-sm">
        <span className="font-semibold">
          {count >= 100 ? "100+" : count} break-glass {count === 1 ? "grant awaits" : "grants await"} your post-incident review.
        </span>{" "}
        <span className="text-muted-foreground">Emergency access was opened without approval; acknowledge each with a note.</span>
      </p>
      <Button asChild size="sm" variant="destructive">
        <Link href="/reviews?tab=emergency">
          Review now
          <ArrowRightIcon aria-hidden="true" />
        </Link>
      </Button>
    </div>
  );
}

export function EmergencyReviewList({ initial }: { initial?: EmergencyReviewPage }) {
  const q = useEmergencyReviews(initial);
  if (q.isPending) {
    return (
      <p className="flex items-center gap-2 py-8 text-sm text-muted-foreground" role="status">
        <Loader2Icon className="size-4 animate-spin" aria-hidden="true" /> Loading break-glass grants…
      </p>
    );
  }
  if (q.isError) return <p className="py-8 text-sm text-destructive">Could not load the review queue: {q.error.message}</p>;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <EmptyState Icon={ShieldCheckIcon} title="No break-glass grants to review">
        When someone breaks glass on a connection you approve for, the grant shows up here until it is acknowledged with a note.
      </EmptyState>
    );
  }
  return (
    <div className="grid grid-cols-1 gap-4">
      <ul className="grid grid-cols-1 gap-3" aria-label="Break-glass grants awaiting post-incident review, oldest first">
        {items.map((item) => (
          <li key={item.id}>
            <EmergencyCard item={item} />
          </li>
        ))}
      </ul>
      {q.hasNextPage && (
        <Button variant="outline" className="justify-self-center" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {q.isFetchingNextPage && <Loader2Icon className="animate-spin" aria-hidden="true" />}
          Show more
        </Button>
      )}
    </div>
  );
}

function EmergencyCard({ item }: { item: AccessRequestView }) {
  const who = item.requester.name ?? item.requester.email;
  return (
    <Card className="gap-0 border-destructive/30 py-0" data-testid="emergency-review-item">
      <div className="grid gap-4 p-4 sm:p-5 md:grid-cols-[minmax(0,1fr)_auto] md:items-start">
        <div className="grid min-w-0 gap-3">
          <div className="flex items-start gap-3">
            <Avatar className="size-9">
              <AvatarFallback>{initials(item.requester.name, item.requester.email)}</AvatarFallback>
            </Avatar>
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 leading-snug">
                <span>
                  <span className="font-medium">{who}</span> <span className="text-muted-foreground">broke glass on</span>{" "}
                  <span className="font-medium break-all">{item.connection}</span>
                </span>
                <EmergencyBadge reviewed={false} />
                <StatusBadge status={item.status} active={item.active} />
              </p>
              <p className="text-xs text-muted-foreground">
                {item.duration} · opened <TimeAgo at={item.createdAt} /> (<LocalDateTime at={item.createdAt} short />)
                {item.ticket && (
                  <>
                    {" "}
                    · ticket <span className="font-mono">{item.ticket}</span>
                  </>
                )}
              </p>
            </div>
          </div>
          <blockquote className="rounded-md bg-muted px-3 py-2 text-sm whitespace-pre-wrap break-words">
            <span className="sr-only">Reason: </span>
            {item.reason || <span className="text-muted-foreground italic">No reason given</span>}
          </blockquote>
        </div>
        <Button asChild className="md:min-w-32">
          <Link href={`/requests/${item.id}`}>
            Review<span className="sr-only"> {who}&apos;s break-glass grant on {item.connection}</span>
            <ArrowRightIcon aria-hidden="true" />
          </Link>
        </Button>
      </div>
    </Card>
  );
}

/** The tab's count badge. */
export function EmergencyTabCount({ initial }: { initial?: number }) {
  const count = useEmergencyReviewCount(initial);
  if (count <= 0) return null;
  return (
    <Badge variant="destructive" className="ml-0.5 px-1.5 tabular-nums">
      {count > 99 ? "99+" : count}
    </Badge>
  );
}
