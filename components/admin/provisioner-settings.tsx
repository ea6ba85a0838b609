"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2Icon, CopyIcon, Loader2Icon, PlugZapIcon, XCircleIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { api, errorMessage } from "@/lib/client/api";
import type { ProvisionerView } from "@/lib/provisioning/provisioner-config";

type Kind = ProvisionerView["kind"];
type TestResult = { ok: boolean; message: string; at: string };

const KINDS: { value: Kind; title: string; text: string }[] = [
  { value: "none", title: "None", text: "Status only: something else enforces access (it can ask Timebox's access check API)." },
  { value: "postgres", title: "PostgreSQL", text: "Each grant gets its own login role, created on approval and dropped when the grant ends." },
  { value: "webhook", title: "Webhook", text: "Timebox POSTs signed grant.activated and grant.ended events to your endpoint." },
];

/** Admin → connection: how grants are carried out on the target, with "Test connection". */
export function ProvisionerSettings({ name }: { name: string }) {
  const path = `/api/v1/connections/${encodeURIComponent(name)}/provisioner`;
  const key = ["provisioner", name];
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => api<ProvisionerView>(path, { signal }) });
  // Kept here: saving remounts the form, and a generated secret is shown exactly once.
  const [newSecret, setNewSecret] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Provisioning</CardTitle>
        <CardDescription>How access to {name} really starts when a request is approved, and really ends when it expires or is revoked.</CardDescription>
      </CardHeader>
      <CardContent>
        {query.isPending ? (
          <Skeleton className="h-40" />
        ) : query.isError ? (
          <p className="text-sm text-destructive">{errorMessage(query.error)}</p>
        ) : (
          <ProvisionerForm
            key={query.data.updatedAt ?? "none"}
            path={path}
            initial={query.data}
            newSecret={newSecret}
            onSaved={(data, secret) => {
              setNewSecret(secret);
              queryClient.setQueryData(key, data);
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}

function ProvisionerForm({
  path,
  initial,
  newSecret,
  onSaved,
}: {
  path: string;
  initial: ProvisionerView;
  newSecret: string | null;
  onSaved: (v: ProvisionerView, secret: string | null) => void;
}) {
  const [kind, setKind] = useState<Kind>(initial.kind);
  const [adminUrl, setAdminUrl] = useState("");
  const [roles, setRoles] = useState(initial.postgres?.grantRoles.join(", ") ?? "");
  const [limit, setLimit] = useState(String(initial.postgres?.connectionLimit ?? 5));
  const [clientAddress, setClientAddress] = useState(initial.postgres?.clientAddress ?? "");
  const [webhookUrl, setWebhookUrl] = useState(initial.webhook?.url ?? "");
  const [rotate, setRotate] = useState(false);
  const [test, setTest] = useState<TestResult | null>(initial.lastTest);

  const grantRoles = roles.split(/[\s,]+/).filter(Boolean);
  const body = () =>
    kind === "postgres"
      ? { kind, ...(adminUrl.trim() ? { adminUrl: adminUrl.trim() } : {}), grantRoles, connectionLimit: Number(limit), clientAddress: clientAddress.trim() || null }
      : kind === "webhook"
        ? { kind, url: webhookUrl.trim(), ...(rotate ? { rotateSecret: true } : {}) }
        : { kind };

  const save = useMutation({
    mutationFn: () => api<ProvisionerView & { webhookSecret?: string }>(path, { method: "PUT", body: body() }),
    onSuccess: ({ webhookSecret, ...view }) => {
      onSaved(view, webhookSecret ?? null);
      toast.success("Provisioning saved.");
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const runTest = useMutation({
    mutationFn: () =>
      api<TestResult>(`${path}/test`, {
        method: "POST",
        body:
          kind === "postgres" && adminUrl.trim()
            ? { adminUrl: adminUrl.trim(), grantRoles }
            : kind === "webhook" && webhookUrl.trim() !== (initial.webhook?.url ?? "")
              ? { url: webhookUrl.trim() }
              : {},
      }),
    onSuccess: setTest,
    onError: (error) => toast.error(errorMessage(error)),
  });
  const dirty = kind !== initial.kind;
  const canTest = kind !== "none" && (kind === "postgres" ? Boolean(adminUrl.trim() || initial.postgres?.adminUrlSet) : Boolean(webhookUrl.trim()));

  return (
    <form
      className="grid gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {initial.problem && (
        <Alert variant="destructive" role="alert">
          <XCircleIcon aria-hidden="true" />
          <AlertTitle>The stored settings cannot be used</AlertTitle>
          <AlertDescription>{initial.problem}</AlertDescription>
        </Alert>
      )}
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">Provisioner</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {KINDS.map((k) => (
            <label
              key={k.value}
              className="grid cursor-pointer gap-1 rounded-lg border p-3 text-sm has-[:checked]:border-primary has-[:checked]:ring-2 has-[:checked]:ring-primary/20 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50"
            >
              <span className="flex items-center gap-2 font-medium">
                <input type="radio" name="provisioner-kind" value={k.value} checked={kind === k.value} onChange={() => setKind(k.value)} className="accent-primary" />
                {k.title}
              </span>
              <span className="text-xs text-muted-foreground">{k.text}</span>
            </label>
          ))}
        </div>
        {dirty && initial.openGrants > 0 && (
          <p className="text-sm text-destructive">
            {initial.openGrants} grant{initial.openGrants === 1 ? "" : "s"} made by the current provisioner still hold access; the provisioner can change once they have ended.
          </p>
        )}
      </fieldset>

      {kind === "postgres" && (
        <div className="grid gap-4">
          <div className="grid gap-1.5">
            <Label htmlFor="prov-admin-url">Admin connection URL</Label>
            <Input
              id="prov-admin-url"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={adminUrl}
              onChange={(e) => setAdminUrl(e.target.value)}
              placeholder={initial.postgres?.adminUrlSet ? "Stored encrypted; type a new URL to replace it" : "postgresql://timebox_admin:secret@db.internal:5432/app"}
              required={!initial.postgres?.adminUrlSet}
            />
            <p className="text-xs text-muted-foreground">
              {initial.postgres?.target
                ? `Currently ${initial.postgres.target.user}@${initial.postgres.target.host}:${initial.postgres.target.port}/${initial.postgres.target.database}. `
                : ""}
              Stored encrypted and never shown again. The user needs CREATEROLE and pg_signal_backend (or superuser).
            </p>
          </div>
          <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
            <div className="grid gap-1.5">
              <Label htmlFor="prov-roles">Roles each grant receives</Label>
              <Input id="prov-roles" value={roles} onChange={(e) => setRoles(e.target.value)} placeholder="readonly, app_rw" />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="prov-limit">Connection limit</Label>
              <Input id="prov-limit" type="number" min={1} max={1000} value={limit} onChange={(e) => setLimit(e.target.value)} />
            </div>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="prov-client">Address requesters connect to (optional)</Label>
            <Input id="prov-client" value={clientAddress} onChange={(e) => setClientAddress(e.target.value)} placeholder="db.example.com:5432 (default: the admin URL's host and port)" />
          </div>
        </div>
      )}

      {kind === "webhook" && (
        <div className="grid gap-4">
          <div className="grid gap-1.5">
            <Label htmlFor="prov-webhook-url">Endpoint URL</Label>
            <Input id="prov-webhook-url" type="url" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} placeholder="https://gateway.internal/timebox" required />
          </div>
          {initial.webhook?.secretSet && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={rotate} onChange={(e) => setRotate(e.target.checked)} className="accent-primary" />
              Generate a new signing secret (the old one stops working)
            </label>
          )}
          <p className="text-xs text-muted-foreground">
            Each POST carries a Timebox-Signature header (HMAC-SHA256 with a timestamp); see docs/provisioners.md for how to verify it.
          </p>
        </div>
      )}

      {newSecret && (
        <Alert variant="success" data-testid="webhook-secret">
          <CheckCircle2Icon aria-hidden="true" />
          <AlertTitle>Signing secret: copy it now, it is not shown again</AlertTitle>
          <AlertDescription>
            <div className="flex items-center gap-1">
              <code className="rounded bg-muted px-2 py-1 font-mono text-xs break-all text-foreground">{newSecret}</code>
              <Button type="button" variant="ghost" size="icon" className="size-7" aria-label="Copy signing secret" onClick={() => navigator.clipboard?.writeText(newSecret)}>
                <CopyIcon aria-hidden="true" />
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      )}

      {test && kind !== "none" && (
        <Alert variant={test.ok ? "success" : "destructive"} role={test.ok ? "status" : "alert"} data-testid="provisioner-test-result">
          {test.ok ? <CheckCircle2Icon aria-hidden="true" /> : <XCircleIcon aria-hidden="true" />}
          <AlertTitle>{test.ok ? "Connection works" : "Connection failed"}</AlertTitle>
          <AlertDescription>{test.message}</AlertDescription>
        </Alert>
      )}

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
          Save provisioning
        </Button>
        {kind !== "none" && (
          <Button type="button" variant="outline" disabled={!canTest || runTest.isPending} onClick={() => runTest.mutate()}>
            {runTest.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <PlugZapIcon aria-hidden="true" />}
            Test connection
          </Button>
        )}
      </div>
    </form>
  );
}
