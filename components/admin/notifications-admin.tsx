"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { CheckCircle2Icon, CircleAlertIcon, Loader2Icon, RotateCcwIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { fetchJson } from "@/components/notifications/fetch-json";
import type { NotificationsStatus } from "@/lib/notifications/admin-status";

type DeadJob = { id: string; kind: string; description: string; attempts: number; lastError: string | null; requestId: string | null; createdAt: string };

const STATUS_KEY = ["notifications", "status"];
const DEAD_KEY = ["notifications", "dead-jobs"];

function Setting({ ok, label, detail }: { ok: boolean; label: string; detail: string }) {
  return (
    <li className="flex items-start gap-2 text-sm">
      {ok ? <CheckCircle2Icon className="mt-0.5 size-4 text-success" aria-hidden="true" /> : <CircleAlertIcon className="mt-0.5 size-4 text-muted-foreground" aria-hidden="true" />}
      <span>
        <span className="font-medium">{label}</span> <span className="text-muted-foreground">{detail}</span>
      </span>
    </li>
  );
}

/** Admin → Notifications: delivery setup, dead deliveries with a retry button, and Slack account links. */
export function NotificationsAdmin() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => fetchJson<NotificationsStatus>("/api/v1/notifications/status") });
  const dead = useQuery({ queryKey: DEAD_KEY, queryFn: () => fetchJson<{ items: DeadJob[] }>("/api/v1/outbox/dead-jobs") });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: STATUS_KEY }), queryClient.invalidateQueries({ queryKey: DEAD_KEY })]);
  const retry = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/v1/outbox/dead-jobs/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSuccess: () => {
      toast.success("Queued again: it will be delivered within seconds.");
      return refresh();
    },
    onError: (error) => toast.error(error.message),
  });

  const s = status.data;
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Delivery</CardTitle>
          <CardDescription>How this Timebox reaches people. Each connection picks its channels on its own settings page.</CardDescription>
        </CardHeader>
        <CardContent>
          {!s ? (
            <Skeleton className="h-20" />
          ) : (
            <div className="grid gap-4 sm:grid-cols-2">
              <ul className="grid gap-2">
                <Setting ok={s.delivery.slack.botToken} label="Slack messages" detail={s.delivery.slack.botToken ? "SLACK_BOT_TOKEN is set" : "off: set SLACK_BOT_TOKEN"} />
                <Setting
                  ok={s.delivery.slack.signingSecret}
                  label="Slack buttons"
                  detail={s.delivery.slack.signingSecret ? "SLACK_SIGNING_SECRET is set" : "off: set SLACK_SIGNING_SECRET"}
                />
                <Setting
                  ok={s.delivery.email !== "off"}
                  label="Email"
                  detail={s.delivery.email === "resend" ? "sent with Resend" : s.delivery.email === "dev-outbox" ? "demo mode: kept in the dev outbox" : "off: set RESEND_API_KEY"}
                />
                <Setting ok label="Links point to" detail={s.delivery.publicUrl} />
              </ul>
              <dl className="grid grid-cols-3 gap-2 text-center">
                {[
                  ["Waiting to send", s.outbox.pending],
                  ["Delivered (24 h)", s.outbox.deliveredLastDay],
                  ["Failed", s.outbox.dead],
                ].map(([label, value]) => (
                  <div key={label as string} className="rounded-lg border p-3">
                    <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
                    <dt className="text-xs text-muted-foreground">{label}</dt>
                  </div>
                ))}
              </dl>
            </div>
          )}
          {s?.delivery.email === "dev-outbox" && (
            <p className="mt-4 text-sm">
              <Link href="/dev/outbox" className="font-medium underline underline-offset-4">
                Open the dev outbox
              </Link>
            </p>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Failed deliveries</CardTitle>
          <CardDescription>Notifications that used up their retries. Fix the cause (a channel, a webhook, a key), then retry.</CardDescription>
        </CardHeader>
        <CardContent>
          {dead.isPending ? (
            <Skeleton className="h-24" />
          ) : dead.isError ? (
            <p className="text-sm text-destructive">{dead.error.message}</p>
          ) : dead.data.items.length === 0 ? (
            <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground" data-testid="no-dead-jobs">
              Nothing has failed. Every notification was delivered or is on its way.
            </p>
          ) : (
            <Table aria-label="Failed deliveries">
              <TableHeader>
                <TableRow>
                  <TableHead>What</TableHead>
                  <TableHead>Error</TableHead>
                  <TableHead className="text-right">Tries</TableHead>
                  <TableHead className="sr-only">Actions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {dead.data.items.map((job) => (
                  <TableRow key={job.id}>
                    <TableCell className="align-top">
                      <div className="font-medium">{job.description}</div>
                      <div className="text-xs text-muted-foreground">
                        {new Date(job.createdAt).toLocaleString()}
                        {job.requestId && (
                          <>
                            {" · "}
                            <Link className="underline underline-offset-4" href={`/requests/${job.requestId}`}>
                              request
                            </Link>
                          </>
                        )}
                      </div>
                    </TableCell>
                    <TableCell className="max-w-md align-top text-sm break-words whitespace-normal text-muted-foreground">{job.lastError ?? "—"}</TableCell>
                    <TableCell className="text-right align-top tabular-nums">{job.attempts}</TableCell>
                    <TableCell className="text-right align-top">
                      <Button size="sm" variant="outline" disabled={retry.isPending && retry.variables === job.id} onClick={() => retry.mutate(job.id)}>
                        {retry.isPending && retry.variables === job.id ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RotateCcwIcon aria-hidden="true" />}
                        Retry
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <SlackAccounts linked={s?.linkedSlackUsers} onChange={refresh} />
    </div>
  );
}

function SlackAccounts({ linked, onChange }: { linked?: NotificationsStatus["linkedSlackUsers"]; onChange: () => Promise<unknown> }) {
  const [email, setEmail] = useState("");
  const [slackUserId, setSlackUserId] = useState("");
  const save = useMutation({
    mutationFn: (v: { who: string; slackUserId: string | null }) =>
      fetchJson(`/api/v1/users/${encodeURIComponent(v.who)}/slack`, { method: "PUT", body: { slackUserId: v.slackUserId } }),
    onSuccess: (_data, v) => {
      toast.success(v.slackUserId ? `Linked ${v.who} to ${v.slackUserId}.` : `Unlinked ${v.who}.`);
      setEmail("");
      setSlackUserId("");
      return onChange();
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Slack accounts</CardTitle>
        <CardDescription>
          People link their own with <code className="font-mono text-xs">/timebox subscribe</code>. You can set one here (the Slack member id, from their Slack profile → Copy member ID).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form
          className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ who: email.trim(), slackUserId: slackUserId.trim() || null });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="slack-email">Timebox user (email)</Label>
            <Input id="slack-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="bob@example.com" />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="slack-id">Slack member id</Label>
            <Input id="slack-id" value={slackUserId} onChange={(e) => setSlackUserId(e.target.value)} placeholder="U0123ABCD (empty to unlink)" />
          </div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
            Save
          </Button>
        </form>
        {linked && linked.length > 0 && (
          <ul className="divide-y rounded-lg border" aria-label="Linked Slack accounts">
            {linked.map((u) => (
              <li key={u.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                <span>
                  {u.name ?? u.email} <span className="text-muted-foreground">({u.email})</span>
                </span>
                <span className="flex items-center gap-2">
                  <Badge variant="secondary" className="font-mono">
                    {u.slackUserId}
                  </Badge>
                  <Button size="sm" variant="ghost" onClick={() => save.mutate({ who: u.email, slackUserId: null })}>
                    Unlink
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
