"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ShieldAlertIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { api } from "@/lib/client/api";
import type { GrantListItem } from "@/lib/provisioning/list-grants";

const SHOWN = 5;

/**
 * Admins only: grants whose access should have ended but could not be removed from the
 * target (a login that may still work). Shown on every page until each one is resolved.
 */
export function DeprovisionAlertBanner() {
  const { data } = useQuery({
    queryKey: ["grants", "DEPROVISION_FAILED"],
    queryFn: ({ signal }) => api<{ items: GrantListItem[] }>("/api/v1/grants?status=DEPROVISION_FAILED&limit=50", { signal }),
    refetchInterval: 30_000,
  });
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert variant="destructive" role="alert" className="mb-6" data-testid="deprovision-alert">
      <ShieldAlertIcon aria-hidden="true" />
      <AlertTitle>
        Access could not be removed for {items.length} grant{items.length === 1 ? "" : "s"}
      </AlertTitle>
      <AlertDescription>
        <p>These grants have ended in Timebox, but their access still exists on the target. Timebox keeps retrying; fix the cause or remove the access by hand.</p>
        <ul className="grid gap-1">
          {items.slice(0, SHOWN).map((g) => (
            <li key={g.requestId}>
              <Link href={`/requests/${encodeURIComponent(g.requestId)}`} className="font-medium underline underline-offset-4">
                {g.connection}: {g.requester}
              </Link>
              {g.role && <span className="font-mono text-xs"> (role {g.role})</span>}
              {g.lastError && <span className="block text-xs break-all">{g.lastError}</span>}
            </li>
          ))}
        </ul>
        {items.length > SHOWN && <p>…and {items.length - SHOWN} more.</p>}
      </AlertDescription>
    </Alert>
  );
}
