import Link from "next/link";
import { ListChecksIcon, SirenIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ConnectionView } from "@/lib/admin/connection-settings";

/** The connection's request policy in words (policy.summary from the server), beside the request form. */
export function PolicyHints({ connection }: { connection: ConnectionView }) {
  const lines = connection.policy.summary;
  if (lines.length === 0) return null;
  return (
    <Alert>
      <ListChecksIcon aria-hidden="true" />
      <AlertTitle>Rules on {connection.name}</AlertTitle>
      <AlertDescription>
        <ul className="grid list-disc gap-1 pl-4" data-testid="policy-hints">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
          {connection.policy.maxTotalDuration && <li>Grants can be extended up to {connection.policy.maxTotalDuration} in total.</li>}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

/**
 * Offered only to members of the connection's break-glass groups (the page decides, on the
 * server): a way out to the separate break-glass form, never a switch inside this one.
 */
export function BreakGlassOffer({ connection }: { connection: ConnectionView }) {
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-dashed border-destructive/40 p-4 sm:flex-row sm:items-center" data-testid="break-glass-offer">
      <SirenIcon className="size-5 shrink-0 text-destructive" aria-hidden="true" />
      <p className="flex-1 text-sm text-muted-foreground">
        <span className="font-medium text-foreground">An emergency that cannot wait for approval?</span> You may break glass on {connection.name}: access at once for up to{" "}
        {connection.policy.breakGlassMaxDuration}, reviewed afterwards.
      </p>
      <Button asChild variant="outline" size="sm" className="border-destructive/40 text-destructive hover:bg-destructive/10 hover:text-destructive">
        <Link href={`/requests/break-glass?connection=${encodeURIComponent(connection.name)}`}>Break glass…</Link>
      </Button>
    </div>
  );
}
