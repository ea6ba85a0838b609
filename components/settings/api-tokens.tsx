"use client";

import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { CheckIcon, CopyIcon, KeySquareIcon, Loader2Icon, PlusIcon, TriangleAlertIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ConfirmButton } from "@/components/confirm-button";
import { EmptyState } from "@/components/empty-state";
import { LocalDateTime, TimeAgo } from "@/components/time/time-labels";
import { api, errorMessage } from "@/lib/client/api";
import type { CreatedToken, TokenView } from "@/lib/tokens/create-token";

/** Personal API tokens: create (shown once), list, revoke. */
export function ApiTokens({ initial, origin }: { initial: TokenView[]; origin: string }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const tokens = useQuery({
    queryKey: ["tokens"],
    queryFn: async ({ signal }) => (await api<{ items: TokenView[] }>("/api/v1/tokens", { signal })).items,
    initialData: initial,
  });
  const create = useMutation({
    mutationFn: () => api<CreatedToken>("/api/v1/tokens", { method: "POST", body: { name: name.trim() } }),
    onSuccess: (token) => {
      setCreated(token);
      setName("");
      toast.success(`Created token "${token.name}"`, { description: "Copy it now: it is shown only once." });
      return queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (token: TokenView) => api<TokenView>(`/api/v1/tokens/${encodeURIComponent(token.id)}`, { method: "DELETE" }),
    onSuccess: (token) => {
      toast.success(`Revoked "${token.name}"`, { description: "Calls with it are refused from now on." });
      if (created?.id === token.id) setCreated(null);
    },
    onError: (error) => toast.error("Not revoked", { description: errorMessage(error) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });

  const live = tokens.data.filter((t) => !t.revokedAt);
  const revoked = tokens.data.filter((t) => t.revokedAt);

  return (
    <div className="grid grid-cols-1 gap-6">
      <Card className="gap-4">
        <CardHeader>
          <CardTitle>New token</CardTitle>
          <CardDescription>A token acts as you in the REST API and the CLI. Name it after where it will live.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <form
            className="flex flex-col gap-3 sm:flex-row sm:items-end"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) create.mutate();
            }}
          >
            <div className="grid flex-1 gap-2">
              <Label htmlFor={`${id}-name`}>Name</Label>
              <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. laptop CLI" maxLength={100} autoComplete="off" required />
            </div>
            <Button type="submit" disabled={!name.trim() || create.isPending}>
              {create.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <PlusIcon aria-hidden="true" />}
              Create token
            </Button>
          </form>
          {create.error && (
            <p className="text-sm text-destructive" role="alert">
              {errorMessage(create.error)}
            </p>
          )}
          {created && <NewTokenNotice token={created} origin={origin} onDone={() => setCreated(null)} />}
        </CardContent>
      </Card>

      <section aria-labelledby={`${id}-list`} className="grid gap-3">
        <h2 id={`${id}-list`} className="text-lg font-semibold">
          Your tokens
        </h2>
        {tokens.data.length === 0 ? (
          <EmptyState Icon={KeySquareIcon} title="No tokens yet">
            Create one to use the CLI or call the API from scripts.
          </EmptyState>
        ) : (
          <Card className="gap-0 py-0">
            <ul className="divide-y" aria-label="API tokens">
              {[...live, ...revoked].map((t) => (
                <li key={t.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4" data-testid="token-row">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium break-all">{t.name}</span>
                      <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{t.prefix}…</code>
                      {t.revokedAt ? <Badge variant="secondary">Revoked</Badge> : <Badge variant="success">Active</Badge>}
                    </p>
                    <p className="text-xs text-muted-foreground">
                      Created <LocalDateTime at={t.createdAt} short />
                      {" · "}
                      {t.lastUsedAt ? (
                        <>
                          last used <TimeAgo at={t.lastUsedAt} />
                        </>
                      ) : (
                        "never used"
                      )}
                      {t.revokedAt && (
                        <>
                          {" · "}revoked <TimeAgo at={t.revokedAt} />
                        </>
                      )}
                    </p>
                  </div>
                  {!t.revokedAt && (
                    <ConfirmButton
                      size="sm"
                      className="self-start sm:self-center"
                      title={`Revoke "${t.name}"?`}
                      description="Anything using this token stops working at once. This cannot be undone."
                      confirmLabel="Revoke token"
                      onConfirm={() => revoke.mutateAsync(t)}
                      aria-label={`Revoke token ${t.name}`}
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </li>
              ))}
            </ul>
          </Card>
        )}
      </section>
    </div>
  );
}

function NewTokenNotice({ token, origin, onDone }: { token: CreatedToken; origin: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
      toast.success("Token copied");
    } catch {
      toast.error("Could not copy", { description: "Select the token and copy it by hand." });
    }
  }
  return (
    <Alert variant="success" role="alert" data-testid="new-token">
      <TriangleAlertIcon aria-hidden="true" />
      <AlertTitle>Copy your new token now. It will not be shown again.</AlertTitle>
      <AlertDescription className="w-full">
        <div className="flex w-full flex-col gap-2 sm:flex-row">
          <Input readOnly value={token.token} aria-label={`The token "${token.name}"`} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid="new-token-value" />
          <Button type="button" variant="outline" onClick={copy}>
            {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
        <p className="mt-1">Try it:</p>
        <pre className="w-full overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs text-foreground">
          {`curl -H "Authorization: Bearer ${token.prefix}…" ${origin}/api/v1/me`}
        </pre>
        <Button type="button" variant="ghost" size="sm" className="px-0" onClick={onDone}>
          I have stored it
        </Button>
      </AlertDescription>
    </Alert>
  );
}
