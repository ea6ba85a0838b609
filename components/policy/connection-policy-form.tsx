"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { FileTextIcon, InfoIcon, Loader2Icon, ScaleIcon, SirenIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api, errorMessage } from "@/lib/client/api";
import { formatDuration, parseDuration } from "@/lib/access/duration";
import { describePolicy, TICKET_MODES, type TicketMode } from "@/lib/access/request-policy";
import { connectionSettingsInput, type ConnectionView } from "@/lib/admin/connection-settings";
import { describeBreakGlass, describeExtensionCap, describeSeparation } from "@/components/policy/policy-words";
import { cn } from "@/lib/utils";

type Draft = {
  reasonRequired: boolean;
  reasonMinLength: string;
  reasonPattern: string;
  ticketMode: TicketMode;
  ticketPattern: string;
  pendingTimeout: string;
  capTotal: boolean;
  maxTotalDuration: string;
  breakGlassGroups: string[];
  breakGlassMaxDuration: string;
  distinctApprovers: boolean;
};

type Field = Exclude<keyof Draft, "capTotal">;

const TICKET_LABELS: Record<TicketMode, { title: string; text: string }> = {
  off: { title: "Off", text: "No ticket field." },
  optional: { title: "Optional", text: "Requesters may add one." },
  required: { title: "Required", text: "Every request names one." },
};

const PATTERN_EXAMPLES = [
  { label: "JIRA-style key", value: "^[A-Z][A-Z0-9]+-\\d+$" },
  { label: "Incident number", value: "^INC-?\\d+$" },
];

function draftOf(c: ConnectionView): Draft {
  const p = c.policy;
  return {
    reasonRequired: p.reasonRequired,
    reasonMinLength: String(p.reasonMinLength),
    reasonPattern: p.reasonPattern ?? "",
    ticketMode: (TICKET_MODES as readonly string[]).includes(p.ticketMode) ? (p.ticketMode as TicketMode) : "off",
    ticketPattern: p.ticketPattern ?? "",
    pendingTimeout: p.pendingTimeout,
    capTotal: p.maxTotalDuration !== null,
    maxTotalDuration: p.maxTotalDuration ?? c.maxDuration,
    breakGlassGroups: [...p.breakGlassGroups],
    breakGlassMaxDuration: p.breakGlassMaxDuration,
    distinctApprovers: p.distinctApprovers,
  };
}

/** The PATCH body: every policy field, so the saved state is exactly what the form shows. */
function payloadOf(d: Draft) {
  const min = d.reasonMinLength.trim() === "" ? 0 : Number(d.reasonMinLength);
  return {
    reasonRequired: d.reasonRequired,
    reasonMinLength: Number.isFinite(min) ? min : NaN,
    reasonPattern: d.reasonPattern.trim() || null,
    ticketMode: d.ticketMode,
    ticketPattern: d.ticketMode === "off" ? null : d.ticketPattern.trim() || null,
    pendingTimeout: d.pendingTimeout.trim(),
    maxTotalDuration: d.capTotal ? d.maxTotalDuration.trim() : null,
    breakGlassGroups: d.breakGlassGroups,
    breakGlassMaxDuration: d.breakGlassMaxDuration.trim(),
    distinctApprovers: d.distinctApprovers,
  };
}

/** Field errors from the server's own schema (connectionSettingsInput), checked as the admin types. */
function fieldErrors(d: Draft): Partial<Record<Field, string>> {
  const result = connectionSettingsInput.safeParse(payloadOf(d));
  const errors: Partial<Record<Field, string>> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (!field || errors[field]) continue;
    errors[field] =
      field === "reasonMinLength"
        ? "A whole number from 0 to 500."
        : field === "reasonPattern" || field === "ticketPattern"
          ? issue.message.startsWith("is ")
            ? `This pattern ${issue.message}.`
            : `${issue.message[0]!.toUpperCase()}${issue.message.slice(1)}.`
          : issue.message;
  }
  return errors;
}

const seconds = (text: string) => {
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.seconds : null;
};

/**
 * Admin → connection → request policy, break-glass and separation of duties. Checked
 * with the server's schema as the admin types, explained in words beside the fields,
 * and saved with one PATCH (the server audits it with before and after values).
 */
export function ConnectionPolicyForm({ connection, groupNames }: { connection: ConnectionView; groupNames: string[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(() => draftOf(connection));
  const [draft, setDraft] = useState(saved);
  const id = useId();
  const f = (name: string) => `${id}-${name}`;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const errors = fieldErrors(draft);
  const invalid = Object.keys(errors).length > 0;
  const dirty = JSON.stringify(payloadOf(draft)) !== JSON.stringify(payloadOf(saved));

  const save = useMutation({
    mutationFn: () => api<ConnectionView>(`/api/v1/connections/${encodeURIComponent(connection.name)}`, { method: "PATCH", body: payloadOf(draft) }),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: ["connections"] });
      toast.success(`Saved the safeguards of ${view.name}`, { description: "New requests follow them; requests already in flight keep their own." });
      const next = draftOf(view);
      setSaved(next);
      setDraft(next);
      router.refresh();
    },
  });

  const minLength = Number(draft.reasonMinLength) || 0;
  const timeout = seconds(draft.pendingTimeout);
  const capSeconds = draft.capTotal ? seconds(draft.maxTotalDuration) : connection.maxDurationSeconds;
  const breakGlassSeconds = seconds(draft.breakGlassMaxDuration);
  const summary = [
    ...(timeout === null
      ? []
      : describePolicy({
          reasonRequired: draft.reasonRequired,
          reasonMinLength: minLength,
          reasonPattern: errors.reasonPattern ? null : draft.reasonPattern.trim() || null,
          ticketMode: draft.ticketMode,
          ticketPattern: errors.ticketPattern ? null : draft.ticketPattern.trim() || null,
          pendingTimeoutSeconds: timeout,
        })),
    describeExtensionCap(draft.capTotal && capSeconds ? formatDuration(capSeconds) : null, connection.maxDuration),
    describeBreakGlass(draft.breakGlassGroups, breakGlassSeconds ? formatDuration(breakGlassSeconds) : "…"),
    describeSeparation(draft.distinctApprovers, connection.approvalGroups.length),
  ];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (invalid || save.isPending || !dirty) return;
    save.mutate();
  }

  const hint = (field: Field, text: React.ReactNode) => (
    <p id={f(`${field}-hint`)} className={cn("text-xs", errors[field] ? "text-destructive" : "text-muted-foreground")}>
      {errors[field] ?? text}
    </p>
  );
  const fieldProps = (field: Field) => ({
    id: f(field),
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": f(`${field}-hint`),
    autoComplete: "off",
  });

  return (
    <section aria-labelledby={f("title")} className="grid gap-4">
      <div className="space-y-1">
        <h2 id={f("title")} className="text-lg font-semibold">
          Safeguards
        </h2>
        <p className="text-sm text-muted-foreground">What a request must say, how long it may wait, who may break glass, and who may approve for what.</p>
      </div>
      <form onSubmit={submit} className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" noValidate aria-label={`Safeguards of ${connection.name}`}>
        <div className="grid content-start gap-6">
          <Card className="gap-5">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <FileTextIcon className="size-4 text-muted-foreground" aria-hidden="true" />
                Request policy
              </CardTitle>
              <CardDescription>What every request must carry, how long it may wait for a decision, and how far it may be extended.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-6">
              <fieldset className="grid gap-3">
                <legend className="mb-2 text-sm font-medium">Reason</legend>
                <label className="flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-3">
                  <input
                    type="checkbox"
                    checked={draft.reasonRequired}
                    onChange={(e) => set("reasonRequired", e.target.checked)}
                    className="mt-0.5 size-4 accent-[var(--primary)]"
                  />
                  <span className="grid gap-0.5">
                    <span className="text-sm font-medium">Reason required</span>
                    <span className="text-xs text-muted-foreground">Requests without one are refused. A minimum length above 0 makes it required too.</span>
                  </span>
                </label>
                <div className="grid gap-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
                  <div className="grid content-start gap-2">
                    <Label htmlFor={f("reasonMinLength")}>Minimum length</Label>
                    <Input
                      {...fieldProps("reasonMinLength")}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={500}
                      value={draft.reasonMinLength}
                      onChange={(e) => set("reasonMinLength", e.target.value)}
                      className="tabular-nums"
                    />
                    {hint("reasonMinLength", "Characters; 0 for none.")}
                  </div>
                  <div className="grid content-start gap-2">
                    <Label htmlFor={f("reasonPattern")}>
                      Must match <span className="font-normal text-muted-foreground">(optional regular expression)</span>
                    </Label>
                    <Input
                      {...fieldProps("reasonPattern")}
                      value={draft.reasonPattern}
                      onChange={(e) => set("reasonPattern", e.target.value)}
                      placeholder="e.g. (INC|CHG)-\d+"
                      className="font-mono"
                      spellCheck={false}
                    />
                    {hint("reasonPattern", "For example, require an incident or change number somewhere in the reason.")}
                  </div>
                </div>
              </fieldset>

              <fieldset className="grid gap-3">
                <legend className="mb-2 text-sm font-medium">Ticket</legend>
                <div role="radiogroup" aria-label="Ticket field" className="grid gap-2 sm:grid-cols-3">
                  {TICKET_MODES.map((mode) => {
                    const checked = draft.ticketMode === mode;
                    return (
                      <label
                        key={mode}
                        className={cn(
                          "flex cursor-pointer flex-col gap-0.5 rounded-lg border px-3 py-2 transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50 hover:bg-accent/50",
                          checked && "border-primary bg-primary/5 hover:bg-primary/5",
                        )}
                      >
                        <span className="flex items-center gap-2 text-sm font-medium">
                          <input type="radio" name={f("ticketMode")} value={mode} checked={checked} onChange={() => set("ticketMode", mode)} className="size-4 accent-[var(--primary)]" />
                          {TICKET_LABELS[mode].title}
                        </span>
                        <span className="pl-6 text-xs text-muted-foreground">{TICKET_LABELS[mode].text}</span>
                      </label>
                    );
                  })}
                </div>
                {draft.ticketMode !== "off" && (
                  <div className="grid gap-2">
                    <Label htmlFor={f("ticketPattern")}>
                      Ticket format <span className="font-normal text-muted-foreground">(optional regular expression)</span>
                    </Label>
                    <Input
                      {...fieldProps("ticketPattern")}
                      value={draft.ticketPattern}
                      onChange={(e) => set("ticketPattern", e.target.value)}
                      placeholder="^[A-Z]+-\d+$"
                      className="font-mono"
                      spellCheck={false}
                    />
                    {hint(
                      "ticketPattern",
                      <span className="flex flex-wrap items-center gap-1.5">
                        Use
                        {PATTERN_EXAMPLES.map((ex) => (
                          <button
                            key={ex.value}
                            type="button"
                            onClick={() => set("ticketPattern", ex.value)}
                            className="rounded-sm underline underline-offset-2 outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
                          >
                            {ex.label}
                          </button>
                        ))}
                        or leave empty to accept any ticket.
                      </span>,
                    )}
                  </div>
                )}
              </fieldset>

              <div className="grid gap-4 sm:grid-cols-2">
                <div className="grid content-start gap-2">
                  <Label htmlFor={f("pendingTimeout")}>Pending timeout</Label>
                  <Input {...fieldProps("pendingTimeout")} value={draft.pendingTimeout} onChange={(e) => set("pendingTimeout", e.target.value)} placeholder="24h" />
                  {hint("pendingTimeout", "A request with no decision within this time becomes EXPIRED and the requester is told.")}
                </div>
                <div className="grid content-start gap-2">
                  <span className="flex items-center justify-between gap-2">
                    <Label htmlFor={f("maxTotalDuration")}>Extension cap</Label>
                    <label className="flex cursor-pointer items-center gap-1.5 text-xs text-muted-foreground">
                      <input
                        type="checkbox"
                        checked={draft.capTotal}
                        onChange={(e) => set("capTotal", e.target.checked)}
                        className="size-3.5 accent-[var(--primary)]"
                        aria-controls={f("maxTotalDuration")}
                      />
                      Own cap
                    </label>
                  </span>
                  <Input
                    {...fieldProps("maxTotalDuration")}
                    value={draft.capTotal ? draft.maxTotalDuration : connection.maxDuration}
                    onChange={(e) => set("maxTotalDuration", e.target.value)}
                    disabled={!draft.capTotal}
                  />
                  {hint(
                    "maxTotalDuration",
                    draft.capTotal
                      ? capSeconds !== null && capSeconds < connection.maxDurationSeconds
                        ? `Below the ${connection.maxDuration} maximum: a grant of the full maximum cannot be extended.`
                        : "The longest a grant may run in total, extensions included."
                      : `Without a cap of its own, the ${connection.maxDuration} maximum duration is the total.`,
                  )}
                </div>
              </div>
            </CardContent>
          </Card>

          <Card className="gap-5 border-destructive/25">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <SirenIcon className="size-4 text-destructive" aria-hidden="true" />
                Break-glass
              </CardTitle>
              <CardDescription>
                For emergencies: members of these groups get access at once, without waiting for approval. Every break-glass grant is marked EMERGENCY, announced to
                every approver and admin, and must be acknowledged in a post-incident review.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-5">
              <fieldset className="grid gap-2">
                <legend className="mb-2 text-sm font-medium">Break-glass groups</legend>
                {groupNames.length === 0 ? (
                  <p className="text-sm text-muted-foreground">No groups yet.</p>
                ) : (
                  <ul className="flex flex-wrap gap-2" aria-label="Break-glass groups">
                    {groupNames.map((name) => {
                      const checked = draft.breakGlassGroups.includes(name);
                      return (
                        <li key={name}>
                          <label
                            className={cn(
                              "flex cursor-pointer items-center gap-2 rounded-full border px-3 py-1.5 text-sm transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50 hover:bg-accent/50",
                              checked && "border-destructive/60 bg-destructive/8 font-medium hover:bg-destructive/10",
                            )}
                          >
                            <input
                              type="checkbox"
                              checked={checked}
                              onChange={(e) =>
                                set(
                                  "breakGlassGroups",
                                  e.target.checked ? [...draft.breakGlassGroups, name].sort() : draft.breakGlassGroups.filter((g) => g !== name),
                                )
                              }
                              className="size-3.5 accent-[var(--destructive)]"
                            />
                            {name}
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                )}
                {errors.breakGlassGroups && <p className="text-xs text-destructive">{errors.breakGlassGroups}</p>}
              </fieldset>
              <div className="grid max-w-xs gap-2">
                <Label htmlFor={f("breakGlassMaxDuration")}>Break-glass maximum</Label>
                <Input {...fieldProps("breakGlassMaxDuration")} value={draft.breakGlassMaxDuration} onChange={(e) => set("breakGlassMaxDuration", e.target.value)} placeholder="30m" />
                {hint("breakGlassMaxDuration", "Keep it short: the longest an emergency grant may last, e.g. 30m.")}
              </div>
            </CardContent>
          </Card>

          <Card className="gap-5">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <ScaleIcon className="size-4 text-muted-foreground" aria-hidden="true" />
                Separation of duties
              </CardTitle>
              <CardDescription>Whether one person can satisfy several approval groups alone.</CardDescription>
            </CardHeader>
            <CardContent>
              <label className="flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-3">
                <input
                  type="checkbox"
                  checked={draft.distinctApprovers}
                  onChange={(e) => set("distinctApprovers", e.target.checked)}
                  className="mt-0.5 size-4 accent-[var(--primary)]"
                  aria-describedby={f("distinct-hint")}
                />
                <span className="grid gap-0.5">
                  <span className="text-sm font-medium">Distinct approvers per group</span>
                  <span id={f("distinct-hint")} className="text-xs text-muted-foreground">
                    An approval counts for one group only; someone in several groups chooses which. Nobody can stand in for a group they are not in.
                    {connection.approvalGroups.length < 2 && " It matters once the connection has two or more approval groups."}
                  </span>
                </span>
              </label>
            </CardContent>
          </Card>
        </div>

        <div className="grid content-start gap-4 lg:sticky lg:top-20">
          <Alert>
            <InfoIcon aria-hidden="true" />
            <AlertTitle className="flex flex-wrap items-center gap-2">
              The safeguards, in words
              {dirty && (
                <Badge variant="warning" data-testid="policy-unsaved">
                  Unsaved changes
                </Badge>
              )}
            </AlertTitle>
            <AlertDescription>
              <ul className="grid list-disc gap-1 pl-4" data-testid="policy-preview">
                {summary.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </AlertDescription>
          </Alert>
          {invalid && (
            <p className="text-sm text-destructive" role="status">
              Fix the {Object.keys(errors).length === 1 ? "field" : `${Object.keys(errors).length} fields`} marked in red to save.
            </p>
          )}
          {save.error && (
            <Alert variant="destructive" role="alert">
              <AlertTitle>Not saved</AlertTitle>
              <AlertDescription>{errorMessage(save.error)}</AlertDescription>
            </Alert>
          )}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="outline" disabled={!dirty || save.isPending} onClick={() => setDraft(saved)}>
              Discard changes
            </Button>
            <Button type="submit" disabled={save.isPending || invalid || !dirty}>
              {save.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              Save safeguards
            </Button>
          </div>
        </div>
      </form>
    </section>
  );
}
