"use client";

import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ChevronRightIcon, InboxIcon, Loader2Icon, PlusIcon, RotateCcwIcon, ShieldCheckIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge, type RequestStatus } from "@/components/requests/status-badge";
import { requestAgainHref } from "@/components/requests/request-again";
import { EmergencyBadge } from "@/components/requests/emergency-badge";
import { isScheduled, StartsIn } from "@/components/lifecycle/request-lifecycle";
import { useNow } from "@/components/time/use-now";
import { ExpiresIn, LocalDateTime, TimeAgo } from "@/components/time/time-labels";
import { api, query } from "@/lib/client/api";
import { isActiveGrant, type AccessRequestView } from "@/lib/access/request-view";
import { progressSummary } from "@/lib/format/progress";
import { cn } from "@/lib/utils";
import { PAGE_SIZE, STATUS_FILTERS } from "@/components/list-options";

export type RequestPage = { items: AccessRequestView[]; nextCursor: string | null };

const ENDED = new Set<string>(["REJECTED", "REVOKED", "EXECUTED", "EXPIRED"]);

/** The caller's live grants: few, so one small query, kept fresh for their countdowns. */
export function useActiveGrants(initial: AccessRequestView[]) {
  return useQuery({
    queryKey: ["requests", "active"],
    queryFn: async ({ signal }) => {
      const page = await api<RequestPage>(`/api/v1/access-requests${query({ mine: true, status: "APPROVED", limit: 100 })}`, { signal });
      return page.items.filter(isActiveGrant);
    },
    initialData: initial,
    refetchInterval: 5000,
  });
}

export function MyRequests({ status, initialPage, initialActive }: { status?: RequestStatus; initialPage: RequestPage; initialActive: AccessRequestView[] }) {
  const active = useActiveGrants(initialActive);
  const history = useInfiniteQuery({
    queryKey: ["requests", "mine", status ?? "all"],
    queryFn: ({ pageParam, signal }) =>
      api<RequestPage>(`/api/v1/access-requests${query({ mine: true, status, cursor: pageParam, limit: PAGE_SIZE })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [undefined] },
    refetchInterval: 10_000,
  });
  const items = history.data.pages.flatMap((p) => p.items);
  const grants = active.data;

  return (
    <div className="grid grid-cols-1 gap-8">
      {grants.length > 0 && (
        <section aria-labelledby="active-title" className="grid gap-3">
          <h2 id="active-title" className="flex items-center gap-2 text-lg font-semibold">
            <ShieldCheckIcon className="size-5 text-success" aria-hidden="true" />
            Active access
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {grants.map((r) => (
              <li key={r.id}>
                <Link
                  href={`/requests/${r.id}`}
                  className="group grid gap-2 rounded-xl border border-success/40 bg-success/6 p-4 outline-none transition-colors hover:bg-success/10 focus-visible:ring-[3px] focus-visible:ring-ring/50"
                  data-testid="active-grant"
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">{r.connection}</span>
                    <span className="flex items-center gap-1.5">
                      {r.emergency && <EmergencyBadge reviewed={Boolean(r.review?.acknowledgedAt)} />}
                      <Badge variant="outline">{r.connectionType}</Badge>
                    </span>
                  </span>
                  <span className="text-xl font-semibold tabular-nums">
                    <ExpiresIn at={r.expiresAt!} />
                  </span>
                  <span className="text-xs text-muted-foreground">
                    until <LocalDateTime at={r.expiresAt!} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="history-title" className="grid grid-cols-1 gap-3">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <h2 id="history-title" className="text-lg font-semibold">
            All requests
          </h2>
          <nav aria-label="Filter by status" className="-mx-1 overflow-x-auto px-1 pb-1">
            <ul className="flex w-max gap-1 rounded-lg bg-muted p-[3px]">
              {STATUS_FILTERS.map((f) => {
                const current = f.value === status;
                return (
                  <li key={f.label}>
                    <Link
                      href={`/requests${query({ status: f.value })}`}
                      scroll={false}
                      aria-current={current ? "true" : undefined}
                      className={cn(
                        "inline-flex h-7 items-center rounded-md px-3 text-sm font-medium text-muted-foreground outline-none transition-colors hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                        current && "bg-background text-foreground shadow-sm dark:bg-input/30",
                      )}
                    >
                      {f.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>

        {items.length === 0 ? (
          <EmptyState
            Icon={InboxIcon}
            title={status ? `No ${status.toLowerCase()} requests` : "You have not requested access yet"}
            action={
              <Button asChild>
                <Link href="/requests/new">
                  <PlusIcon aria-hidden="true" />
                  Request access
                </Link>
              </Button>
            }
          >
            {status ? "Try another status, or request access to a connection." : "Pick a connection, a duration and a reason; approvers are notified at once."}
          </EmptyState>
        ) : (
          <Card className="gap-0 py-0">
            <ul className="divide-y" aria-label="Requests">
              {items.map((r) => (
                <RequestRow key={r.id} request={r} />
              ))}
            </ul>
          </Card>
        )}

        {history.hasNextPage && (
          <Button variant="outline" className="justify-self-center" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
            {history.isFetchingNextPage && <Loader2Icon className="animate-spin" aria-hidden="true" />}
            Show older requests
          </Button>
        )}
      </section>
    </div>
  );
}

function RequestRow({ request: r }: { request: AccessRequestView }) {
  const now = useNow();
  const scheduled = isScheduled(r, now);
  return (
    <li className="relative flex flex-col gap-2 px-4 py-3 transition-colors hover:bg-muted/40 sm:flex-row sm:items-center sm:gap-4" data-testid="request-row">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={r.status} active={r.active || scheduled} scheduled={scheduled} />
          {r.emergency && <EmergencyBadge reviewed={Boolean(r.review?.acknowledgedAt)} />}
          {r.extendsRequestId && <Badge variant="secondary">{r.appliedTo ? "more time, applied" : "more time"}</Badge>}
          <Link
            href={`/requests/${r.id}`}
            className="font-medium break-all outline-none after:absolute after:inset-0 after:content-[''] hover:underline focus-visible:underline"
          >
            {r.connection}
          </Link>
          <span className="text-sm text-muted-foreground">· {r.duration}</span>
        </div>
        {r.reason && <p className="line-clamp-1 text-sm break-all text-muted-foreground">{r.reason}</p>}
        <p className="text-xs text-muted-foreground">
          {r.status === "PENDING" ? progressSummary(r.groups) : r.active && r.expiresAt ? <ExpiresIn at={r.expiresAt} /> : scheduled ? <StartsIn at={r.startsAt!} /> : null}
          {(r.status === "PENDING" || r.active || scheduled) && " · "}
          requested <TimeAgo at={r.createdAt} />
        </p>
      </div>
      <div className="relative z-10 flex items-center gap-2 self-end sm:self-center">
        {ENDED.has(r.status) && (
          <Button asChild variant="outline" size="sm">
            <Link href={requestAgainHref(r)}>
              <RotateCcwIcon aria-hidden="true" />
              Request again<span className="sr-only"> for {r.connection}</span>
            </Link>
          </Button>
        )}
        <ChevronRightIcon className="hidden size-4 text-muted-foreground sm:block" aria-hidden="true" />
      </div>
    </li>
  );
}
