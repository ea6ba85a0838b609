"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { CheckIcon, CopyIcon, EyeIcon, EyeOffIcon, KeyRoundIcon, Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { api, errorMessage } from "@/lib/client/api";
import type { ConnectionDetails } from "@/lib/provisioning/reveal-credentials";

/**
 * The requester's connection details for an active postgres grant. Nothing is fetched
 * until they ask: the reveal is an audited act. The password stays masked until shown,
 * and "Hide" drops everything from the page's memory.
 */
export function CredentialsPanel({ requestId }: { requestId: string }) {
  const [details, setDetails] = useState<ConnectionDetails | null>(null);
  const [showPassword, setShowPassword] = useState(false);
  const reveal = useMutation({
    mutationFn: () => api<ConnectionDetails>(`/api/v1/access-requests/${encodeURIComponent(requestId)}/credentials`, { method: "POST" }),
    onSuccess: (data) => setDetails(data),
    onError: (error) => toast.error(errorMessage(error)),
  });

  if (!details) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => reveal.mutate()} disabled={reveal.isPending} data-testid="reveal-credentials">
          {reveal.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <KeyRoundIcon aria-hidden="true" />}
          Reveal connection details
        </Button>
        <p className="text-xs text-muted-foreground">Each reveal is recorded in the audit log.</p>
      </div>
    );
  }

  const rows: [string, string, boolean?][] = [
    ["Host", details.host],
    ["Port", String(details.port)],
    ["Database", details.database],
    ["User", details.user],
    ["Password", details.password, true],
  ];
  return (
    <div className="grid gap-4" data-testid="credentials">
      <dl className="grid grid-cols-[minmax(6rem,auto)_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {rows.map(([label, value, secret]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="flex min-w-0 items-center gap-1">
              <code className="min-w-0 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs" data-testid={`credential-${label.toLowerCase()}`}>
                {secret && !showPassword ? "•".repeat(16) : value}
              </code>
              {secret && (
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  onClick={() => setShowPassword((v) => !v)}
                  aria-label={showPassword ? "Hide password" : "Show password"}
                >
                  {showPassword ? <EyeOffIcon aria-hidden="true" /> : <EyeIcon aria-hidden="true" />}
                </Button>
              )}
              <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
            </dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-1.5">
        <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Connect with psql</p>
        <div className="flex items-start gap-1">
          <code className="min-w-0 flex-1 rounded-md bg-muted px-3 py-2 font-mono text-xs break-all" data-testid="psql-command">
            {showPassword ? details.psql : details.psql.replace(encodeURIComponent(details.password), "•".repeat(8))}
          </code>
          <CopyButton value={details.psql} label="Copy psql command" />
        </div>
      </div>
      <div>
        <Button
          variant="outline"
          size="sm"
          onClick={() => {
            setDetails(null);
            setShowPassword(false);
          }}
        >
          Hide connection details
        </Button>
      </div>
    </div>
  );
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      size="icon"
      className="size-7"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          toast.error("Copying is blocked here; select the text instead.");
        }
      }}
    >
      {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
    </Button>
  );
}
