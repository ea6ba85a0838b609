"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangleIcon, CheckCircle2Icon, DatabaseIcon, Loader2Icon, RotateCwIcon, WebhookIcon } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CredentialsPanel } from "@/components/grants/credentials-panel";
import { api, errorMessage } from "@/lib/client/api";
import type { GrantView } from "@/lib/provisioning/grant-view";

const SETTLED = new Set(["ENDED"]);

const LABELS: Record<string, { text: string; variant: "success" | "warning" | "destructive" | "secondary" }> = {
  PROVISIONING: { text: "Setting up", variant: "warning" },
  ACTIVE: { text: "Ready", variant: "success" },
  FAILED: { text: "Failed", variant: "destructive" },
  DEPROVISIONING: { text: "Removing", variant: "warning" },
  DEPROVISION_FAILED: { text: "Removal failed", variant: "destructive" },
  ENDED: { text: "Removed", variant: "secondary" },
};

export function grantQueryKey(requestId: string, requestStatus: string) {
  return ["grant", requestId, requestStatus] as const;
}

/**
 * Whether the approved access really exists on the target: the provisioner's progress,
 * any failure with a Retry, and (for the requester of an active postgres grant) the
 * connection details. Renders nothing for connections without a provisioner.
 */
export function ProvisioningStatus({ requestId, requestStatus }: { requestId: string; requestStatus: string }) {
  const queryClient = useQueryClient();
  const path = `/api/v1/access-requests/${encodeURIComponent(requestId)}/grant`;
  const { data: grant } = useQuery({
    // A new request status (approved, revoked…) starts a fresh look at the grant.
    queryKey: grantQueryKey(requestId, requestStatus),
    queryFn: ({ signal }) => api<GrantView>(path, { signal }),
    // Follows the grant until its access is gone for good (approval and revocation happen elsewhere).
    refetchInterval: (query) => (query.state.data && (query.state.data.provisioner === "none" || SETTLED.has(query.state.data.status ?? "")) ? false : 1500),
  });
  const retry = useMutation({
    mutationFn: () => api<GrantView>(`${path}/retry`, { method: "POST" }),
    onSuccess: (data) => {
      queryClient.setQueryData(grantQueryKey(requestId, requestStatus), data);
      toast.success("Retrying now.");
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  if (!grant || grant.provisioner === "none" || !grant.status) return null;
  const label = LABELS[grant.status]!;
  const Icon = grant.provisioner === "postgres" ? DatabaseIcon : WebhookIcon;
  const failing = grant.status === "FAILED" || grant.status === "DEPROVISION_FAILED" || Boolean(grant.lastError);

  return (
    <Card className="gap-4" data-testid="provisioning-status">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <Icon className="size-4 text-muted-foreground" aria-hidden="true" />
          {grant.provisioner === "postgres" ? "Database login" : "Webhook"}
          <Badge variant={label.variant} data-testid="provisioning-badge">
            {grant.status === "PROVISIONING" || grant.status === "DEPROVISIONING" ? <Loader2Icon className="size-3 animate-spin" aria-hidden="true" /> : null}
            {label.text}
          </Badge>
        </CardTitle>
        <CardDescription aria-live="polite">
          {grant.summary}
          {grant.role && <span className="block font-mono text-xs">Role {grant.role}</span>}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {failing && grant.lastError && (
          <Alert variant="destructive" role="alert" data-testid="provisioning-error">
            <AlertTriangleIcon aria-hidden="true" />
            <AlertTitle>
              {grant.status === "DEPROVISION_FAILED"
                ? "Access could not be removed"
                : grant.status === "FAILED"
                  ? "Access could not be set up"
                  : `Attempt ${grant.attempts} failed; retrying automatically`}
            </AlertTitle>
            <AlertDescription>
              <p className="font-mono text-xs break-all">{grant.lastError}</p>
              {grant.status === "FAILED" && <p>The request stays approved, but the access is not usable until a retry succeeds.</p>}
            </AlertDescription>
          </Alert>
        )}
        {grant.canRetry && (
          <div>
            <Button variant={grant.status === "FAILED" || grant.status === "DEPROVISION_FAILED" ? "default" : "outline"} onClick={() => retry.mutate()} disabled={retry.isPending} data-testid="provisioning-retry">
              {retry.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RotateCwIcon aria-hidden="true" />}
              {grant.canRetry === "provision" ? "Retry setting up access" : "Retry removing access"}
            </Button>
          </div>
        )}
        {grant.canReveal && <CredentialsPanel requestId={requestId} />}
        {grant.status === "ENDED" && grant.provisioner === "postgres" && (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
            The login no longer exists on the database.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
