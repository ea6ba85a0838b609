"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronLeftIcon, ChevronRightIcon, FilterIcon, Loader2Icon, ScrollTextIcon, XIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { LocalDateTime } from "@/components/time/time-labels";
import { api, query } from "@/lib/client/api";
import { ACTION_LABELS, actionLabel, describeEvent } from "@/lib/audit/describe-event";
import type { AuditEventView } from "@/lib/audit/list-events";
import { fieldClasses } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import { AUDIT_PAGE_SIZE } from "@/components/list-options";

export type AuditFilters = { actor?: string; connection?: string; request?: string; action?: string };
type AuditPage = { items: AuditEventView[]; nextCursor: string | null };

export function AuditLog({
  filters,
  initialPage,
  connections,
  people,
  isAdmin,
}: {
  filters: AuditFilters;
  initialPage: AuditPage;
  connections: string[];
  people: string[];
  isAdmin: boolean;
}) {
  // Cursors of the pages before the current one: "Newer" pops, "Older" pushes.
  const [cursors, setCursors] = useState<(string | undefined)[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const page = useQuery({
    queryKey: ["audit", filters, cursor ?? null],
    queryFn: ({ signal }) => api<AuditPage>(`/api/v1/audit${query({ ...filters, cursor, limit: AUDIT_PAGE_SIZE })}`, { signal }),
    initialData: cursor === undefined ? initialPage : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: cursor === undefined ? 10_000 : false,
  });
  const data = page.data ?? initialPage;
  const pageNumber = cursors.length + 1;
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="grid grid-cols-1 gap-4">
      <AuditFilterForm filters={filters} connections={connections} people={people} isAdmin={isAdmin} />
      {data.items.length === 0 ? (
        <EmptyState
          Icon={ScrollTextIcon}
          title={filtered ? "No events match these filters" : "No events yet"}
          action={
            filtered ? (
              <Button asChild variant="outline">
                <Link href="/audit">Clear filters</Link>
              </Button>
            ) : undefined
          }
        >
          {isAdmin ? "Every change in Timebox is recorded here." : "Events of your own requests appear here once you request access."}
        </EmptyState>
      ) : (
        <Card className="gap-0 py-0">
          <Table aria-label="Audit events" aria-busy={page.isFetching || undefined}>
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>What</TableHead>
                <TableHead>Where</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody className={cn(page.isPlaceholderData && "opacity-60")}>
              {data.items.map((e) => (
                <EventRow key={e.id} event={e} isAdmin={isAdmin} />
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {(cursors.length > 0 || data.nextCursor) && (
        <nav className="flex items-center justify-between gap-2" aria-label="Audit log pages">
          <Button
            variant="outline"
            disabled={cursors.length === 0 || page.isFetching}
            onClick={() => {
              setCursor(cursors.at(-1));
              setCursors((c) => c.slice(0, -1));
            }}
          >
            <ChevronLeftIcon aria-hidden="true" />
            Newer
          </Button>
          <span className="flex items-center gap-2 text-sm text-muted-foreground" aria-live="polite">
            {page.isFetching && <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />}
            Page {pageNumber}
          </span>
          <Button
            variant="outline"
            disabled={!data.nextCursor || page.isFetching}
            onClick={() => {
              setCursors((c) => [...c, cursor]);
              setCursor(data.nextCursor ?? undefined);
            }}
          >
            Older
            <ChevronRightIcon aria-hidden="true" />
          </Button>
        </nav>
      )}
    </div>
  );
}

function EventRow({ event: e, isAdmin }: { event: AuditEventView; isAdmin: boolean }) {
  const d = describeEvent(e.action, e.data);
  return (
    <TableRow data-testid="audit-row" className="align-top">
      <TableCell className="align-top text-xs text-muted-foreground">
        <LocalDateTime at={e.at} short />
      </TableCell>
      <TableCell className="max-w-48 align-top text-sm">
        <span className="block truncate" title={e.actor ?? "Timebox"}>
          {e.actor ?? <span className="text-muted-foreground">Timebox</span>}
        </span>
        {isAdmin && e.ip && <span className="block text-xs text-muted-foreground">{e.ip}</span>}
      </TableCell>
      <TableCell className="min-w-72 align-top whitespace-normal">
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={d.tone === "bad" ? "destructive" : d.tone === "good" ? "success" : "secondary"}>{actionLabel(e.action)}</Badge>
          <span className="font-mono text-[0.7rem] text-muted-foreground">{e.action}</span>
        </div>
        <p className="mt-1 text-sm">{d.summary}</p>
        {d.quote && (
          <p className="mt-1 max-w-prose rounded-md bg-muted px-2 py-1 text-sm whitespace-pre-wrap break-words" data-testid="audit-quote">
            <span className="text-muted-foreground">{d.quote.label}: </span>
            {d.quote.text}
          </p>
        )}
        {d.changes && d.changes.length > 0 && (
          <ul className="mt-1 grid gap-0.5 text-xs">
            {d.changes.map((c) => (
              <li key={c.field}>
                <span className="text-muted-foreground">{c.field}:</span> <del className="text-muted-foreground">{c.before}</del> → <ins className="font-medium no-underline">{c.after}</ins>
              </li>
            ))}
          </ul>
        )}
      </TableCell>
      <TableCell className="align-top text-sm">
        {e.requestId && (
          <Link href={`/requests/${e.requestId}`} className="block font-mono text-xs underline-offset-4 hover:underline">
            request {e.requestId.slice(-8)}
          </Link>
        )}
        {e.connection && <span className="block">{e.connection}</span>}
        {!e.requestId && !e.connection && <span className="text-muted-foreground">{e.targetType}</span>}
      </TableCell>
    </TableRow>
  );
}

/** Filters live in the URL, so a filtered view can be bookmarked and shared. */
function AuditFilterForm({ filters, connections, people, isAdmin }: { filters: AuditFilters; connections: string[]; people: string[]; isAdmin: boolean }) {
  const router = useRouter();
  const id = useId();
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const set = (key: keyof AuditFilters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const active = Object.values(filters).some(Boolean);

  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      className="grid gap-3 rounded-xl border bg-card p-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto] lg:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v?.trim()]));
        router.push(`/audit${query(trimmed)}`);
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-actor`}>Actor</Label>
        <Input id={`${id}-actor`} type="email" list={`${id}-people`} value={draft.actor ?? ""} onChange={set("actor")} placeholder="someone@example.com" autoComplete="off" />
        <datalist id={`${id}-people`}>
          {people.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-connection`}>Connection</Label>
        <select id={`${id}-connection`} value={draft.connection ?? ""} onChange={set("connection")} className={cn(fieldClasses, "h-9")}>
          <option value="">Any connection</option>
          {connections.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-request`}>Request id</Label>
        <Input id={`${id}-request`} value={draft.request ?? ""} onChange={set("request")} placeholder="e.g. cmiw4…" autoComplete="off" className="font-mono" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-action`}>Action</Label>
        <select id={`${id}-action`} value={draft.action ?? ""} onChange={set("action")} className={cn(fieldClasses, "h-9")}>
          <option value="">Any action</option>
          {Object.entries(ACTION_LABELS)
            .filter(([action]) => isAdmin || action.startsWith("request."))
            .map(([action, label]) => (
              <option key={action} value={action}>
                {label}
              </option>
            ))}
          {draft.action && !(draft.action in ACTION_LABELS) && <option value={draft.action}>{draft.action}</option>}
        </select>
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-1">
        <Button type="submit" className="flex-1 lg:flex-none">
          <FilterIcon aria-hidden="true" />
          Filter
        </Button>
        {active && (
          <Button asChild variant="ghost">
            <Link href="/audit" onClick={() => setDraft({})}>
              <XIcon aria-hidden="true" />
              Clear
            </Link>
          </Button>
        )}
      </div>
    </form>
  );
}
