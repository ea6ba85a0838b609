"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useInfiniteQuery } from "@tanstack/react-query";
import { CheckIcon, ClipboardCheckIcon, HistoryIcon, HourglassIcon, Loader2Icon, TimerIcon, XIcon } from "lucide-react";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { EmptyState } from "@/components/empty-state";
import { ActionDialog } from "@/components/requests/action-dialog";
import { StatusBadge } from "@/components/requests/status-badge";
import { toastDecisionError, useDecision } from "@/components/requests/use-decision";
import { Elapsed, LocalDateTime, TimeAgo } from "@/components/time/time-labels";
import { useReviewCount } from "@/components/shell/review-count";
import { api, query } from "@/lib/client/api";
import { groupProgressText } from "@/lib/format/progress";
import type { ReviewItem } from "@/lib/access/list-reviews";
import { initials } from "@/lib/utils";
import { REVIEW_PAGE_SIZE } from "@/components/list-options";
import { EmergencyReviewList, EmergencyTabCount } from "@/components/reviews/emergency-reviews";
import { ApproveForGroupDialog } from "@/components/lifecycle/approve-for-group";
import type { EmergencyReviewPage } from "@/lib/access/emergency-reviews";

export type ReviewPage = { items: ReviewItem[]; nextCursor: string | null };
export type ReviewTab = "queue" | "decided" | "emergency";

/** One tab's list. The server renders the open tab's first page; the other loads when first shown. */
function useReviews(tab: ReviewTab, initial: ReviewPage | undefined, shown: boolean) {
  return useInfiniteQuery({
    queryKey: ["reviews", tab],
    queryFn: ({ pageParam, signal }) => api<ReviewPage>(`/api/v1/reviews${query({ tab, cursor: pageParam, limit: REVIEW_PAGE_SIZE })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: initial ? { pages: [initial], pageParams: [undefined] } : undefined,
    enabled: shown || initial !== undefined,
    refetchInterval: tab === "queue" ? 5000 : 30_000,
  });
}

/** The review queue and the "decided by me" history, as two tabs that keep their place in the URL. */
export function Reviews({ tab, initialPage, emergency }: { tab: ReviewTab; initialPage?: ReviewPage; emergency?: EmergencyReviewPage }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const queueQuery = useReviews("queue", tab === "queue" ? initialPage : undefined, tab === "queue");
  const decidedQuery = useReviews("decided", tab === "decided" ? initialPage : undefined, tab === "decided");
  const count = useReviewCount();

  function changeTab(next: string) {
    const params = new URLSearchParams(searchParams.toString());
    if (next === "decided" || next === "emergency") params.set("tab", next);
    else params.delete("tab");
    const text = params.toString();
    router.replace(`/reviews${text ? `?${text}` : ""}`, { scroll: false });
  }

  return (
    <Tabs value={tab} onValueChange={changeTab} className="gap-4">
      <TabsList aria-label="Review lists" className="max-w-full justify-start overflow-x-auto">
        <TabsTrigger value="queue">
          To review
          {count > 0 && (
            <Badge variant="secondary" className="ml-0.5 px-1.5 tabular-nums">
              {count > 99 ? "99+" : count}
            </Badge>
          )}
        </TabsTrigger>
        <TabsTrigger value="decided">Decided by me</TabsTrigger>
        <TabsTrigger value="emergency">
          Post-incident<span className="hidden sm:inline"> review</span>
          <EmergencyTabCount initial={emergency?.count} />
        </TabsTrigger>
      </TabsList>
      <TabsContent value="queue">
        <ReviewList
          query={queueQuery}
          empty={
            <EmptyState Icon={ClipboardCheckIcon} title="Nothing waits for you">
              Requests that need a group you are in show up here, oldest first. This page refreshes by itself.
            </EmptyState>
          }
          label="Requests waiting for your review, oldest first"
          mode="queue"
        />
      </TabsContent>
      <TabsContent value="emergency">
        <EmergencyReviewList initial={emergency} />
      </TabsContent>
      <TabsContent value="decided">
        <ReviewList
          query={decidedQuery}
          empty={
            <EmptyState Icon={HistoryIcon} title="No decisions yet">
              Requests you approve or reject are listed here, newest first.
            </EmptyState>
          }
          label="Requests you decided, newest first"
          mode="decided"
        />
      </TabsContent>
    </Tabs>
  );
}

function ReviewList({ query: q, empty, label, mode }: { query: ReturnType<typeof useReviews>; empty: React.ReactNode; label: string; mode: ReviewTab }) {
  if (q.isError && !q.data) {
    return (
      <p role="alert" className="rounded-lg border border-destructive/30 bg-destructive/5 px-4 py-3 text-sm text-destructive">
        Could not load this list: {q.error.message}
      </p>
    );
  }
  if (!q.data) {
    return (
      <div className="grid gap-3" aria-busy="true">
        <span className="sr-only" role="status">
          Loading…
        </span>
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-16 w-full rounded-xl" />
        ))}
      </div>
    );
  }
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return empty;
  return (
    <div className="grid grid-cols-1 gap-4">
      <ul className="grid grid-cols-1 gap-3" aria-label={label}>
        {items.map((item) => (
          <li key={item.id}>{mode === "queue" ? <QueueCard item={item} /> : <DecidedRow item={item} />}</li>
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

function QueueCard({ item }: { item: ReviewItem }) {
  const decide = useDecision();
  const who = item.requester.name ?? item.requester.email;
  const needed = item.groups.filter((g) => !g.satisfied);
  const busy = decide.isPending;
  const { canApprove, canReject, canForceApprove } = item.allowedActions;

  return (
    <Card className="gap-0 py-0" data-testid="review-item">
      <div className="grid gap-4 p-4 sm:p-5 md:grid-cols-[minmax(0,1fr)_auto] md:items-start">
        <div className="grid min-w-0 gap-3">
          <div className="flex items-start gap-3">
            <Avatar className="size-9">
              <AvatarFallback>{initials(item.requester.name, item.requester.email)}</AvatarFallback>
            </Avatar>
            <div className="min-w-0">
              <p className="leading-snug">
                <span className="font-medium">{who}</span> <span className="text-muted-foreground">wants</span>{" "}
                <span className="font-medium">{item.duration}</span> <span className="text-muted-foreground">on</span>{" "}
                <Link href={`/requests/${item.id}`} className="font-medium break-all underline-offset-4 hover:underline focus-visible:underline focus-visible:outline-none">
                  {item.connection}
                </Link>{" "}
                <Badge variant="outline" className="align-middle">
                  {item.connectionType}
                </Badge>
                {item.extendsRequestId && (
                  <Badge variant="secondary" className="ml-1 align-middle" title="More time on a grant that is running now">
                    more time
                  </Badge>
                )}
              </p>
              <p className="truncate text-xs text-muted-foreground">{item.requester.email}</p>
            </div>
          </div>
          <blockquote className="rounded-md bg-muted px-3 py-2 text-sm whitespace-pre-wrap break-words" data-testid="review-reason">
            <span className="sr-only">Reason: </span>
            {item.reason || <span className="text-muted-foreground italic">No reason given</span>}
          </blockquote>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-muted-foreground">
            <span className="flex items-center gap-1">
              <HourglassIcon className="size-3.5" aria-hidden="true" />
              waiting <Elapsed since={item.createdAt} className="font-medium text-foreground tabular-nums" />
            </span>
            <span className="flex items-center gap-1">
              <TimerIcon className="size-3.5" aria-hidden="true" />
              {item.duration} requested
            </span>
            {item.ticket && (
              <span>
                ticket <span className="font-mono font-medium text-foreground">{item.ticket}</span>
              </span>
            )}
            {item.startsAt && (
              <span>
                starts <LocalDateTime at={item.startsAt} short className="font-medium text-foreground" />
              </span>
            )}
            {needed.length > 0 && (
              <span className="flex flex-wrap items-center gap-1">
                still needs
                {needed.map((g) => (
                  <Badge key={g.name} variant="warning">
                    {groupProgressText(g)}
                  </Badge>
                ))}
              </span>
            )}
          </div>
        </div>
        <div className="flex flex-wrap gap-2 md:flex-col md:items-stretch" role="group" aria-label={`Decide on ${who}'s request for ${item.connection}`}>
          {canApprove && item.approveGroupChoices.length > 1 && <ApproveForGroupDialog request={item} choices={item.approveGroupChoices} triggerClassName="flex-1 md:min-w-32" />}
          {canApprove && item.approveGroupChoices.length <= 1 && (
            <Button
              onClick={() => decide.mutate({ id: item.id, decision: "approve" }, { onError: toastDecisionError })}
              disabled={busy}
              className="flex-1 md:min-w-32"
            >
              {busy && decide.variables?.decision === "approve" ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <CheckIcon aria-hidden="true" />}
              Approve
            </Button>
          )}
          {canReject && (
            <ActionDialog
              trigger={
                <Button variant="outline" disabled={busy} className="flex-1 md:min-w-32">
                  <XIcon aria-hidden="true" />
                  Reject
                </Button>
              }
              title={`Reject ${who}'s request?`}
              description={`${item.duration} on ${item.connection}. The request ends at once and ${who} sees your reason.`}
              fieldLabel="Reason"
              placeholder="Why not, or what to do instead"
              confirmLabel="Reject"
              confirmVariant="destructive"
              onConfirm={(text) => decide.mutateAsync({ id: item.id, decision: "reject", text })}
            />
          )}
          {!canApprove && canForceApprove && (
            <Button asChild variant="secondary" className="flex-1 md:min-w-32">
              <Link href={`/requests/${item.id}`}>Force approve…</Link>
            </Button>
          )}
        </div>
      </div>
    </Card>
  );
}

function DecidedRow({ item }: { item: ReviewItem }) {
  const who = item.requester.name ?? item.requester.email;
  return (
    <Card className="relative flex-row flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 transition-colors hover:bg-muted/40" data-testid="decided-item">
      <StatusBadge status={item.status} active={item.active} />
      <div className="min-w-0 flex-1">
        <p className="text-sm">
          <Link href={`/requests/${item.id}`} className="font-medium outline-none after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:underline">
            {who}
          </Link>{" "}
          <span className="text-muted-foreground">·</span> {item.connection} <span className="text-muted-foreground">·</span> {item.duration}
        </p>
        {item.reason && <p className="line-clamp-1 text-xs break-all text-muted-foreground">{item.reason}</p>}
      </div>
      <span className="text-xs text-muted-foreground">
        {item.decidedAt ? (
          <>
            decided <TimeAgo at={item.decidedAt} />
          </>
        ) : (
          <>
            requested <TimeAgo at={item.createdAt} />
          </>
        )}
      </span>
    </Card>
  );
}
