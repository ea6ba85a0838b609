import { HourglassIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/** The Timebox mark and wordmark. */
export function Brand({ className, size = "default" }: { className?: string; size?: "default" | "lg" }) {
  const large = size === "lg";
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", large ? "text-2xl" : "text-base", className)}>
      <span
        aria-hidden="true"
        className={cn(
          "grid place-items-center rounded-lg bg-primary text-primary-foreground shadow-sm",
          large ? "size-10 [&_svg]:size-5" : "size-7 [&_svg]:size-4",
        )}
      >
        <HourglassIcon strokeWidth={2.25} />
      </span>
      Timebox
    </span>
  );
}
