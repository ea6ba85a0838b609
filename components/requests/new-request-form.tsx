"use client";

import Link from "next/link";
import { useId, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { CheckIcon, DatabaseIcon, Loader2Icon, SearchIcon, ShieldCheckIcon, TimerIcon, UsersIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { EmptyState } from "@/components/empty-state";
import { BreakGlassOffer, PolicyHints } from "@/components/policy/policy-hints";
import { checkPolicy, RequestPolicyFields, type PolicyDraft } from "@/components/policy/request-policy-fields";
import { useNow } from "@/components/time/use-now";
import { api, ApiError, errorMessage } from "@/lib/client/api";
import { formatDuration, parseDuration } from "@/lib/access/duration";
import type { ConnectionView } from "@/lib/admin/connection-settings";
import type { AccessRequestView } from "@/lib/access/request-view";
import { cn } from "@/lib/utils";

export const PRESETS = ["30m", "2h", "8h", "24h"] as const;
const CUSTOM = "custom";
const REASON_MAX = 2000;

type Prefill = { connection?: string; duration?: string; reason?: string; ticket?: string };

const presetSeconds = (p: string) => {
  const parsed = parseDuration(p);
  return parsed.ok ? parsed.seconds : Infinity;
};

/** The duration the form starts with: the prefill if it parses, else the connection's default. */
function initialDuration(connection: ConnectionView | undefined, wanted?: string): { choice: string; custom: string } {
  const text = wanted && parseDuration(wanted).ok ? wanted : connection?.defaultDuration;
  if (!text) return { choice: "2h", custom: "" };
  const parsed = parseDuration(text);
  const preset = parsed.ok ? PRESETS.find((p) => presetSeconds(p) === parsed.seconds) : undefined;
  return preset ? { choice: preset, custom: "" } : { choice: CUSTOM, custom: text };
}

/**
 * Checks a duration with the server's own parser and the connection's maximum, as
 * the requester types. The server checks again on submit; this only saves a round trip.
 */
export function checkDuration(text: string, connection: ConnectionView | undefined): { ok: true; seconds: number } | { ok: false; message: string } {
  const parsed = parseDuration(text);
  if (!parsed.ok) return parsed;
  if (connection && parsed.seconds > connection.maxDurationSeconds) {
    return { ok: false, message: `${formatDuration(parsed.seconds)} is above the maximum of ${connection.maxDuration} for ${connection.name}.` };
  }
  return parsed;
}

export function NewRequestForm({
  connections,
  prefill,
  isAdmin,
  breakGlass = [],
}: {
  connections: ConnectionView[];
  prefill: Prefill;
  isAdmin: boolean;
  /** Connections whose break-glass groups include the viewer (decided on the server). */
  breakGlass?: string[];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const ids = { search: useId(), list: useId(), custom: useId(), customHint: useId(), reason: useId(), reasonHint: useId() };
  const [search, setSearch] = useState("");
  const [selectedName, setSelectedName] = useState<string | undefined>(() => connections.find((c) => c.name === prefill.connection)?.name);
  const selected = connections.find((c) => c.name === selectedName);
  const [duration, setDuration] = useState(() => initialDuration(selected, prefill.duration));
  // Whether the requester picked a duration (or came with one): until then each connection starts at its own default.
  const [durationChosen, setDurationChosen] = useState(Boolean(prefill.duration));
  const [reason, setReason] = useState(prefill.reason ?? "");
  const [submitted, setSubmitted] = useState(false);
  const [policyDraft, setPolicyDraft] = useState<Omit<PolicyDraft, "reason">>({ ticket: prefill.ticket ?? "", startLater: false, startsAt: "" });
  const now = useNow();
  const policy = checkPolicy(selected, { ...policyDraft, reason }, now);
  const reasonError = policy.reason.length > 0 && (submitted || reason.trim() !== "");
  const customRef = useRef<HTMLInputElement>(null);

  const filtered = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle) return connections;
    return connections.filter((c) =>
      [c.name, c.type, c.description ?? "", ...c.approvalGroups.map((g) => g.name)].some((field) => field.toLowerCase().includes(needle)),
    );
  }, [connections, search]);

  const durationText = duration.choice === CUSTOM ? duration.custom : duration.choice;
  const durationCheck = checkDuration(durationText, selected);
  const showDurationError = !durationCheck.ok && (submitted || (duration.choice === CUSTOM && duration.custom.trim() !== ""));

  const create = useMutation({
    mutationFn: () =>
      api<AccessRequestView>("/api/v1/access-requests", {
        method: "POST",
        body: {
          connection: selectedName,
          duration: durationText.trim(),
          reason: reason.trim(),
          ...(policyDraft.ticket.trim() && selected?.policy.ticketMode !== "off" ? { ticket: policyDraft.ticket.trim() } : {}),
          ...(policy.startsAtIso ? { startsAt: policy.startsAtIso } : {}),
        },
      }),
    onSuccess: (request) => {
      void queryClient.invalidateQueries({ queryKey: ["requests"] });
      if (request.status === "APPROVED") toast.success(`Access to ${request.connection} is ready`, { description: `for ${request.duration}` });
      else toast.success("Request sent", { description: `Waiting for ${request.groups.map((g) => g.name).join(" and ")} to approve.` });
      router.push(`/requests/${request.id}`);
    },
  });

  function choose(name: string) {
    setSelectedName(name);
    const connection = connections.find((c) => c.name === name);
    // Keep the requester's own choice when it still fits; otherwise start from the new connection's default.
    if (!durationChosen || !checkDuration(durationText, connection).ok || !durationText) setDuration(initialDuration(connection));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!selected || !durationCheck.ok || !policy.ok || create.isPending) return;
    create.mutate();
  }

  if (connections.length === 0) {
    return (
      <EmptyState Icon={DatabaseIcon} title="No connections yet">
        An admin adds connections under Admin → Connections. Once one exists, you can request access to it here.
      </EmptyState>
    );
  }

  const existingUrl = create.error instanceof ApiError ? (create.error.details?.existingRequestUrl as string | undefined) : undefined;

  return (
    <form onSubmit={submit} className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" noValidate>
      <fieldset className="grid min-w-0 content-start gap-3">
        <legend className="mb-3 text-base font-semibold">1. Connection</legend>
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
          <Label htmlFor={ids.search} className="sr-only">
            Search connections
          </Label>
          <Input
            id={ids.search}
            type="search"
            placeholder="Search by name, type or approval group"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="pl-9"
            aria-controls={ids.list}
            autoComplete="off"
          />
        </div>
        <p className="sr-only" role="status" aria-live="polite">
          {filtered.length} of {connections.length} connections shown
        </p>
        <div id={ids.list} role="radiogroup" aria-label="Connection" className="grid max-h-[28rem] gap-2 overflow-y-auto rounded-lg p-0.5">
          {filtered.length === 0 && <p className="px-1 py-6 text-center text-sm text-muted-foreground">No connection matches “{search}”.</p>}
          {filtered.map((c) => {
            const checked = c.name === selectedName;
            return (
              <label
                key={c.id}
                className={cn(
                  "flex cursor-pointer gap-3 rounded-lg border bg-card p-3 transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50 hover:bg-accent/50",
                  checked && "border-primary bg-primary/5 hover:bg-primary/5",
                )}
              >
                <input
                  type="radio"
                  name="connection"
                  value={c.name}
                  checked={checked}
                  onChange={() => choose(c.name)}
                  className="sr-only"
                  aria-label={c.name}
                  aria-describedby={`${ids.list}-${c.id}`}
                />
                <span
                  className={cn("mt-0.5 grid size-5 shrink-0 place-items-center rounded-full border", checked ? "border-primary bg-primary text-primary-foreground" : "border-input")}
                  aria-hidden="true"
                >
                  {checked && <CheckIcon className="size-3" />}
                </span>
                <span className="grid min-w-0 flex-1 gap-1.5" id={`${ids.list}-${c.id}`}>
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium break-all" aria-hidden="true">
                      {c.name}
                    </span>
                    <Badge variant="outline">{c.type}</Badge>
                    <span className="ml-auto flex items-center gap-1 text-xs text-muted-foreground">
                      <TimerIcon className="size-3.5" aria-hidden="true" />
                      max {c.maxDuration}
                    </span>
                  </span>
                  {c.description && <span className="text-sm text-muted-foreground">{c.description}</span>}
                  <span className="flex flex-wrap items-center gap-1.5 text-xs">
                    <UsersIcon className="size-3.5 text-muted-foreground" aria-hidden="true" />
                    {c.approvalGroups.length === 0 ? (
                      <span className="text-muted-foreground">No approval needed</span>
                    ) : (
                      c.approvalGroups.map((g) => (
                        <Badge key={g.name} variant="secondary">
                          {g.name}
                          {g.minApprovals > 1 && ` ×${g.minApprovals}`}
                        </Badge>
                      ))
                    )}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        {submitted && !selected && (
          <p className="text-sm text-destructive" role="alert">
            Choose a connection.
          </p>
        )}
      </fieldset>

      <div className="grid min-w-0 content-start gap-8">
        <fieldset className="grid gap-3" disabled={!selected}>
          <legend className="mb-3 text-base font-semibold">2. Duration</legend>
          <div role="radiogroup" aria-label="Duration" className="grid grid-cols-2 gap-2 sm:grid-cols-5">
            {[...PRESETS, CUSTOM].map((p) => {
              const tooLong = p !== CUSTOM && selected !== undefined && presetSeconds(p) > selected.maxDurationSeconds;
              const checked = duration.choice === p;
              return (
                <label
                  key={p}
                  className={cn(
                    "flex h-9 cursor-pointer items-center justify-center rounded-md border text-sm font-medium transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50 hover:bg-accent",
                    checked && "border-primary bg-primary text-primary-foreground hover:bg-primary/90",
                    (tooLong || !selected) && "cursor-not-allowed opacity-45 hover:bg-transparent",
                  )}
                  title={tooLong ? `Above the ${selected!.maxDuration} maximum of ${selected!.name}` : undefined}
                >
                  <input
                    type="radio"
                    name="duration"
                    value={p}
                    checked={checked}
                    disabled={tooLong || !selected}
                    onChange={() => {
                      setDuration((d) => ({ ...d, choice: p }));
                      setDurationChosen(true);
                      if (p === CUSTOM) setTimeout(() => customRef.current?.focus(), 0);
                    }}
                    className="sr-only"
                    aria-describedby={tooLong ? ids.customHint : undefined}
                  />
                  {p === CUSTOM ? "Custom" : p}
                  {tooLong && <span className="sr-only"> (above the maximum)</span>}
                </label>
              );
            })}
          </div>
          {duration.choice === CUSTOM && (
            <div className="grid gap-2">
              <Label htmlFor={ids.custom}>Custom duration</Label>
              <Input
                id={ids.custom}
                ref={customRef}
                value={duration.custom}
                onChange={(e) => {
                  setDuration({ choice: CUSTOM, custom: e.target.value });
                  setDurationChosen(true);
                }}
                placeholder="e.g. 1h30m or 45m"
                autoComplete="off"
                inputMode="text"
                aria-invalid={showDurationError || undefined}
                aria-describedby={ids.customHint}
              />
            </div>
          )}
          <p id={ids.customHint} className={cn("text-sm", showDurationError ? "text-destructive" : "text-muted-foreground")} aria-live="polite">
            {showDurationError && !durationCheck.ok
              ? durationCheck.message
              : selected
                ? durationCheck.ok && duration.choice === CUSTOM
                  ? `${formatDuration(durationCheck.seconds)} · up to ${selected.maxDuration} on ${selected.name}`
                  : `Up to ${selected.maxDuration} on ${selected.name}; its default is ${selected.defaultDuration}.`
                : "Choose a connection first."}
          </p>
        </fieldset>

        <div className="grid gap-2">
          <Label htmlFor={ids.reason} className="text-base font-semibold">
            3. Reason
          </Label>
          <Textarea
            id={ids.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="What you will do, and why now. Approvers read this."
            maxLength={REASON_MAX}
            rows={4}
            aria-describedby={ids.reasonHint}
            aria-invalid={reasonError || undefined}
          />
          <p id={ids.reasonHint} className="flex justify-between gap-2 text-xs text-muted-foreground">
            <span className={cn(reasonError && "text-destructive")} aria-live="polite">
              {reasonError ? policy.reason.join(" ") : "A ticket or incident number helps approvers decide quickly."}
            </span>
            <span className="tabular-nums">
              {reason.length}/{REASON_MAX}
            </span>
          </p>
        </div>

        {selected && (
          <RequestPolicyFields
            connection={selected}
            draft={{ ...policyDraft, reason }}
            onChange={(next) => setPolicyDraft((d) => ({ ...d, ...next }))}
            check={policy}
            showErrors={submitted}
          />
        )}

        {selected && <PolicyHints connection={selected} />}

        {selected && (
          <Alert>
            <ShieldCheckIcon aria-hidden="true" />
            <AlertTitle>{selected.approvalGroups.length === 0 ? "Granted at once" : "Who approves"}</AlertTitle>
            <AlertDescription>
              <p>{selected.rule}</p>
              {isAdmin && selected.autoApproveAdmins && selected.approvalGroups.length > 0 && <p>As an admin, you are approved at once on this connection.</p>}
            </AlertDescription>
          </Alert>
        )}

        {selected && breakGlass.includes(selected.name) && <BreakGlassOffer connection={selected} />}

        {create.error && (
          <Alert variant="destructive" role="alert">
            <AlertTitle>Could not send the request</AlertTitle>
            <AlertDescription>
              <p>{errorMessage(create.error)}</p>
              {existingUrl && (
                <Link href={existingUrl} className="font-medium underline underline-offset-4">
                  Open your pending request
                </Link>
              )}
            </AlertDescription>
          </Alert>
        )}

        <Button type="submit" size="lg" disabled={create.isPending || create.isSuccess}>
          {(create.isPending || create.isSuccess) && <Loader2Icon className="animate-spin" aria-hidden="true" />}
          Request access
        </Button>
      </div>
    </form>
  );
}
