"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Loader2Icon, RefreshCwIcon, ShieldAlertIcon, ShieldCheckIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { LocalDateTime, TimeAgo } from "@/components/time/time-labels";
import { api, errorMessage } from "@/lib/client/api";
import { actionLabel } from "@/lib/audit/describe-event";
import type { ChainVerdict } from "@/lib/audit/verify-chain";

type Checked = { verdict: ChainVerdict; checkedAt: string };

/**
 * Admin → Audit integrity: recomputes the audit log's hash chain on the server
 * (GET /api/v1/audit/verify) and says whether it is intact, or where it first breaks.
 * It runs when the page opens and again on demand; it never changes anything.
 */
export function AuditVerify() {
  const check = useQuery({
    queryKey: ["audit", "verify"],
    queryFn: async ({ signal }): Promise<Checked> => ({
      verdict: await api<ChainVerdict>("/api/v1/audit/verify", { signal }),
      checkedAt: new Date().toISOString(),
    }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Card className="gap-5">
        <CardHeader>
          <CardTitle>Hash chain</CardTitle>
          <CardDescription>
            Each audit event stores a hash of its own content and of the event before it. Editing, inserting or deleting an event in the database breaks the chain
            from that point on.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <div aria-live="polite" aria-busy={check.isFetching || undefined} className="grid gap-4">
            {check.isPending ? (
              <div className="grid gap-2" role="status">
                <span className="flex items-center gap-2 text-sm text-muted-foreground">
                  <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
                  Checking every event…
                </span>
                <Skeleton className="h-20" />
              </div>
            ) : check.isError ? (
              <Alert variant="destructive" role="alert">
                <ShieldAlertIcon aria-hidden="true" />
                <AlertTitle>The check could not run</AlertTitle>
                <AlertDescription>{errorMessage(check.error)}</AlertDescription>
              </Alert>
            ) : (
              <Verdict checked={check.data} />
            )}
          </div>
          <Button variant="outline" className="justify-self-start" onClick={() => void check.refetch()} disabled={check.isFetching}>
            {check.isFetching ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RefreshCwIcon aria-hidden="true" />}
            {check.isFetching ? "Verifying…" : "Verify again"}
          </Button>
        </CardContent>
      </Card>

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>If the chain is broken</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm text-muted-foreground">
          <p>Timebox never updates or deletes audit events; the database refuses it. A break means someone changed the table directly.</p>
          <p>Compare the event named here, and the ones after it, with an earlier export or your SIEM copy, and treat the difference as a security incident.</p>
          <p>
            The same check runs from the command line: <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-foreground">timebox audit verify</code>.
          </p>
        </CardContent>
      </Card>
    </div>
  );
}

function Verdict({ checked: { verdict, checkedAt } }: { checked: Checked }) {
  if (verdict.ok) {
    return (
      <Alert variant="success" data-testid="chain-verdict">
        <ShieldCheckIcon aria-hidden="true" />
        <AlertTitle>
          Chain intact: {verdict.checked.toLocaleString("en-GB")} {verdict.checked === 1 ? "event" : "events"} checked
        </AlertTitle>
        <AlertDescription>
          <p>
            Every event follows from the one before it{verdict.lastId ? `, up to event #${verdict.lastId}` : ""}. Checked <TimeAgo at={checkedAt} />.
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="destructive" role="alert" data-testid="chain-verdict">
      <ShieldAlertIcon aria-hidden="true" />
      <AlertTitle>Chain broken at event #{verdict.firstBrokenId}</AlertTitle>
      <AlertDescription>
        <p>
          The first event whose hash does not match its content and its predecessor, after {verdict.checked.toLocaleString("en-GB")} intact{" "}
          {verdict.checked === 1 ? "event" : "events"}:
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-foreground">
          <dt className="text-muted-foreground">Event</dt>
          <dd className="font-mono" data-testid="broken-event-id">
            #{verdict.firstBrokenId}
          </dd>
          <dt className="text-muted-foreground">Recorded</dt>
          <dd>
            <LocalDateTime at={verdict.at} seconds />
          </dd>
          <dt className="text-muted-foreground">Action</dt>
          <dd>
            {actionLabel(verdict.action)} <span className="font-mono text-xs text-muted-foreground">{verdict.action}</span>
          </dd>
        </dl>
        <p>
          <Link href={`/audit?action=${encodeURIComponent(verdict.action)}`} className="font-medium underline underline-offset-4">
            Events with this action
          </Link>
        </p>
      </AlertDescription>
    </Alert>
  );
}
