"use client";

import { useEffect } from "react";
import { AlertTriangleIcon, RotateCwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The body of every error.tsx: what failed, a retry, and the digest to quote to an operator. */
export function ErrorState({ error, reset, title = "This page could not be loaded" }: { error: Error & { digest?: string }; reset: () => void; title?: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="flex flex-col items-center justify-center gap-4 rounded-xl border border-destructive/30 bg-destructive/5 px-6 py-12 text-center">
      <span className="grid size-11 place-items-center rounded-full bg-destructive/10 text-destructive" aria-hidden="true">
        <AlertTriangleIcon className="size-5" />
      </span>
      <div className="space-y-1">
        <h2 className="font-semibold">{title}</h2>
        <p className="max-w-md text-sm text-muted-foreground">
          Something went wrong on our side or the database is briefly unreachable. Your data is safe; try again in a moment.
        </p>
        {error.digest && <p className="font-mono text-xs text-muted-foreground">Reference: {error.digest}</p>}
      </div>
      <Button onClick={reset} variant="outline">
        <RotateCwIcon aria-hidden="true" />
        Try again
      </Button>
    </div>
  );
}
