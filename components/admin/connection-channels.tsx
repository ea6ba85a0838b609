"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchJson } from "@/components/notifications/fetch-json";
import type { ConnectionChannelsView } from "@/lib/notifications/connection-channels";

/** A connection's notification channels: Slack channels, a Teams webhook, email on or off. */
export function ConnectionChannels({ name }: { name: string }) {
  const key = ["connection-channels", name];
  const path = `/api/v1/connections/${encodeURIComponent(name)}/channels`;
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: key, queryFn: () => fetchJson<ConnectionChannelsView>(path) });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Notifications</CardTitle>
        <CardDescription>Where new requests, reminders and decisions for {name} are announced.</CardDescription>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-32" />
        ) : query.isError ? (
          <p className="text-sm text-destructive">{query.error.message}</p>
        ) : (
          <ChannelsForm
            key={JSON.stringify(query.data)}
            initial={query.data}
            onSaved={(data) => queryClient.setQueryData(key, data)}
            path={path}
          />
        )}
      </CardContent>
    </Card>
  );
}

function ChannelsForm({
  initial,
  onSaved,
  path,
}: {
  initial: ConnectionChannelsView;
  onSaved: (data: ConnectionChannelsView) => void;
  path: string;
}) {
  const [slack, setSlack] = useState(initial.slackChannels.join(", "));
  const [teams, setTeams] = useState(initial.teamsWebhookUrl ?? "");
  const [email, setEmail] = useState(initial.email);
  const save = useMutation({
    mutationFn: () =>
      fetchJson<ConnectionChannelsView>(path, {
        method: "PUT",
        body: { slackChannels: slack.split(/[\s,]+/).filter(Boolean), teamsWebhookUrl: teams.trim() || null, email },
      }),
    onSuccess: (data) => {
      onSaved(data);
      toast.success("Notification channels saved.");
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="channels-slack">Slack channels</Label>
        <Input id="channels-slack" value={slack} onChange={(e) => setSlack(e.target.value)} placeholder="C0123456789, #access-requests" />
        <p className="text-xs text-muted-foreground">Channel ids or names, comma-separated. Invite the Timebox app to each channel.</p>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="channels-teams">Microsoft Teams incoming webhook URL</Label>
        <Input
          id="channels-teams"
          type="url"
          value={teams}
          onChange={(e) => setTeams(e.target.value)}
          placeholder="https://…"
          autoComplete="off"
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} className="size-4 accent-primary" />
        Email approvers and requesters
      </label>
      <Button type="submit" disabled={save.isPending} className="justify-self-start">
        {save.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
        Save channels
      </Button>
    </form>
  );
}
