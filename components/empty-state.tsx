import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/** What a list shows when it has nothing: an icon, one line of why, and the next step. */
export function EmptyState({
  Icon,
  title,
  children,
  action,
  className,
}: {
  Icon: LucideIcon;
  title: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center", className)}>
      <span className="grid size-11 place-items-center rounded-full bg-muted text-muted-foreground" aria-hidden="true">
        <Icon className="size-5" />
      </span>
      <div className="space-y-1">
        <p className="font-medium">{title}</p>
        {children && <div className="mx-auto max-w-md text-sm text-muted-foreground">{children}</div>}
      </div>
      {action}
    </div>
  );
}
