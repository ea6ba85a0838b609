"use client";

import { ErrorState } from "@/components/error-state";

/** Any page in the signed-in shell that fails keeps the navigation and offers a retry. */
export default function SignedInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState error={error} reset={reset} />;
}
