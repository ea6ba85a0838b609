import * as React from "react";
import { cn } from "@/lib/utils";

/** A loading placeholder; hidden from assistive tech, so pair it with a status message where it matters. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="skeleton" aria-hidden="true" className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
