"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { InfoIcon, Loader2Icon, MinusIcon, PlusIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { api, errorMessage } from "@/lib/client/api";
import { parseDuration } from "@/lib/access/duration";
import { describeRule, type ConnectionView } from "@/lib/admin/connection-settings";
import { cn } from "@/lib/utils";

const TYPES = ["postgres", "mysql", "mongodb", "redis", "kubernetes", "ssh", "http", "aws", "gcp"];

type Draft = {
  name: string;
  type: string;
  description: string;
  groups: Map<string, number>;
  maxDuration: string;
  defaultDuration: string;
  autoApproveAdmins: boolean;
};

function draftOf(c?: ConnectionView): Draft {
  return {
    name: c?.name ?? "",
    type: c?.type ?? "postgres",
    description: c?.description ?? "",
    groups: new Map((c?.approvalGroups ?? []).map((g) => [g.name, g.minApprovals])),
    maxDuration: c?.maxDuration ?? "8h",
    defaultDuration: c?.defaultDuration ?? "1h",
    autoApproveAdmins: c?.autoApproveAdmins ?? true,
  };
}

function durationError(text: string): string | null {
  const parsed = parseDuration(text);
  return parsed.ok ? null : parsed.message;
}

/**
 * Create or edit a connection and its JIT settings. Durations are checked with the
 * domain's parser as the admin types; everything else (default above maximum, unknown
 * groups, duplicate names) is refused by the server and shown here in its words.
 */
export function ConnectionForm({ connection, groupNames }: { connection?: ConnectionView; groupNames: string[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = connection !== undefined;
  const [draft, setDraft] = useState(() => draftOf(connection));
  const id = useId();
  const f = (name: string) => `${id}-${name}`;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const rule = [...draft.groups].map(([name, minApprovals]) => ({ name, minApprovals })).sort((a, b) => a.name.localeCompare(b.name));
  const maxError = durationError(draft.maxDuration);
  const defaultError = durationError(draft.defaultDuration);

  const save = useMutation({
    mutationFn: () => {
      const settings = {
        type: draft.type.trim(),
        description: draft.description.trim() || null,
        approvalGroups: rule,
        maxDuration: draft.maxDuration.trim(),
        defaultDuration: draft.defaultDuration.trim(),
        autoApproveAdmins: draft.autoApproveAdmins,
      };
      return editing
        ? api<ConnectionView>(`/api/v1/connections/${encodeURIComponent(connection.name)}`, { method: "PATCH", body: settings })
        : api<ConnectionView>("/api/v1/connections", { method: "POST", body: { name: draft.name.trim(), ...settings } });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["connections"] });
      if (editing) {
        toast.success(`Saved ${saved.name}`, { description: "New requests follow the new rule; requests already in flight keep theirs." });
        setDraft(draftOf(saved));
        router.refresh();
      } else {
        toast.success(`Created ${saved.name}`, { description: saved.rule });
        router.push("/admin/connections");
        router.refresh();
      }
    },
  });

  function toggleGroup(name: string, on: boolean) {
    const next = new Map(draft.groups);
    if (on) next.set(name, next.get(name) ?? 1);
    else next.delete(name);
    set("groups", next);
  }

  function setMin(name: string, value: number) {
    const next = new Map(draft.groups);
    next.set(name, Math.max(1, Math.min(50, Math.round(value) || 1)));
    set("groups", next);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (maxError || defaultError || save.isPending) return;
    save.mutate();
  }

  return (
    <form onSubmit={submit} className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" noValidate>
      <div className="grid content-start gap-6">
        <Card className="gap-5">
          <CardHeader>
            <CardTitle>Connection</CardTitle>
            <CardDescription>What people request access to.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <div className="grid gap-2">
              <Label htmlFor={f("name")}>Name</Label>
              <Input
                id={f("name")}
                value={draft.name}
                onChange={(e) => set("name", e.target.value.toLowerCase())}
                disabled={editing}
                required
                placeholder="prod-postgres"
                autoComplete="off"
                aria-describedby={f("name-hint")}
              />
              <p id={f("name-hint")} className="text-xs text-muted-foreground">
                {editing ? "Names are permanent: tokens, scripts and the audit log refer to them." : "Lowercase letters, digits, dots, dashes or underscores."}
              </p>
            </div>
            <div className="grid gap-2">
              <Label htmlFor={f("type")}>Type</Label>
              <Input id={f("type")} value={draft.type} onChange={(e) => set("type", e.target.value)} list={f("types")} required autoComplete="off" />
              <datalist id={f("types")}>
                {TYPES.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </div>
            <div className="grid gap-2">
              <Label htmlFor={f("description")}>
                Description <span className="font-normal text-muted-foreground">(optional)</span>
              </Label>
              <Textarea
                id={f("description")}
                value={draft.description}
                onChange={(e) => set("description", e.target.value)}
                maxLength={500}
                rows={2}
                placeholder="What it holds and who usually needs it"
              />
            </div>
          </CardContent>
        </Card>

        <Card className="gap-5">
          <CardHeader>
            <CardTitle>Just-in-time settings</CardTitle>
            <CardDescription>Who must approve, and for how long access may last.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <fieldset className="grid gap-3">
              <legend className="mb-2 text-sm font-medium">Approval groups</legend>
              {groupNames.length === 0 ? (
                <p className="text-sm text-muted-foreground">
                  No groups yet. <Link href="/admin/groups" className="underline underline-offset-4">Create one</Link> to require approval.
                </p>
              ) : (
                <ul className="grid gap-2" aria-label="Approval groups">
                  {groupNames.map((name) => {
                    const checked = draft.groups.has(name);
                    const min = draft.groups.get(name) ?? 1;
                    return (
                      <li key={name} className={cn("flex flex-wrap items-center gap-3 rounded-lg border px-3 py-2", checked && "border-primary/60 bg-primary/5")}>
                        <label className="flex min-w-0 flex-1 cursor-pointer items-center gap-3 text-sm font-medium">
                          <input type="checkbox" checked={checked} onChange={(e) => toggleGroup(name, e.target.checked)} className="size-4 accent-[var(--primary)]" />
                          <span className="truncate">{name}</span>
                        </label>
                        {checked && (
                          <div className="flex items-center gap-2">
                            <Label htmlFor={f(`min-${name}`)} className="text-xs font-normal text-muted-foreground">
                              Minimum approvals
                            </Label>
                            <div className="flex items-center">
                              <Button type="button" variant="outline" size="icon" className="size-8 rounded-r-none" onClick={() => setMin(name, min - 1)} disabled={min <= 1} aria-label={`Fewer approvals from ${name}`}>
                                <MinusIcon aria-hidden="true" />
                              </Button>
                              <Input
                                id={f(`min-${name}`)}
                                type="number"
                                min={1}
                                max={50}
                                value={min}
                                onChange={(e) => setMin(name, Number(e.target.value))}
                                className="h-8 w-14 rounded-none border-x-0 text-center tabular-nums [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none"
                              />
                              <Button type="button" variant="outline" size="icon" className="size-8 rounded-l-none" onClick={() => setMin(name, min + 1)} disabled={min >= 50} aria-label={`More approvals from ${name}`}>
                                <PlusIcon aria-hidden="true" />
                              </Button>
                            </div>
                          </div>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </fieldset>

            <div className="grid gap-4 sm:grid-cols-2">
              <div className="grid content-start gap-2">
                <Label htmlFor={f("max")}>Maximum duration</Label>
                <Input
                  id={f("max")}
                  value={draft.maxDuration}
                  onChange={(e) => set("maxDuration", e.target.value)}
                  aria-invalid={maxError ? true : undefined}
                  aria-describedby={f("max-hint")}
                  autoComplete="off"
                />
                <p id={f("max-hint")} className={cn("text-xs", maxError ? "text-destructive" : "text-muted-foreground")}>
                  {maxError ?? "The longest anyone may ask for, e.g. 8h."}
                </p>
              </div>
              <div className="grid content-start gap-2">
                <Label htmlFor={f("default")}>Default duration</Label>
                <Input
                  id={f("default")}
                  value={draft.defaultDuration}
                  onChange={(e) => set("defaultDuration", e.target.value)}
                  aria-invalid={defaultError ? true : undefined}
                  aria-describedby={f("default-hint")}
                  autoComplete="off"
                />
                <p id={f("default-hint")} className={cn("text-xs", defaultError ? "text-destructive" : "text-muted-foreground")}>
                  {defaultError ?? "Used when a request names no duration."}
                </p>
              </div>
            </div>

            <label className="flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-3">
              <input
                type="checkbox"
                checked={draft.autoApproveAdmins}
                onChange={(e) => set("autoApproveAdmins", e.target.checked)}
                className="mt-0.5 size-4 accent-[var(--primary)]"
              />
              <span className="grid gap-0.5">
                <span className="text-sm font-medium">Auto-approve admins</span>
                <span className="text-xs text-muted-foreground">An admin&apos;s own request is granted at once, still time-boxed and audited.</span>
              </span>
            </label>
          </CardContent>
        </Card>
      </div>

      <div className="grid content-start gap-4 lg:sticky lg:top-20">
        <Alert>
          <InfoIcon aria-hidden="true" />
          <AlertTitle>The rule, in words</AlertTitle>
          <AlertDescription>
            <p data-testid="rule-preview">{describeRule(rule)}</p>
            <p>
              Requests may last up to {parseDuration(draft.maxDuration).ok ? draft.maxDuration.trim() : "…"}; without a duration they get{" "}
              {parseDuration(draft.defaultDuration).ok ? draft.defaultDuration.trim() : "…"}.
              {draft.autoApproveAdmins ? " Admins are approved at once." : " Admins go through approval like everyone else."}
            </p>
          </AlertDescription>
        </Alert>
        {save.error && (
          <Alert variant="destructive" role="alert">
            <AlertTitle>Not saved</AlertTitle>
            <AlertDescription>{errorMessage(save.error)}</AlertDescription>
          </Alert>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button asChild variant="outline">
            <Link href="/admin/connections">Cancel</Link>
          </Button>
          <Button type="submit" disabled={save.isPending || Boolean(maxError || defaultError)}>
            {save.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
            {editing ? "Save changes" : "Create connection"}
          </Button>
        </div>
      </div>
    </form>
  );
}
