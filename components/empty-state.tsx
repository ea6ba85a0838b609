import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/** What a list shows when it has nothing: an icon, one line of why, and the next step. */
export function EmptyState({
  Icon,
  title,
  children,
  action,
  className,
  headingLevel,
}: {
  Icon: LucideIcon;
  title: string;
  /** When the empty state is the whole page (a 404), its title is the page heading. */
  headingLevel?: 1 | 2;
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
        {headingLevel === 1 ? <h1 className="text-lg font-semibold">{title}</h1> : headingLevel === 2 ? <h2 className="font-medium">{title}</h2> : <p className="font-medium">{title}</p>}
        {children && <div className="mx-auto max-w-md text-sm text-muted-foreground">{children}</div>}
      </div>
      {action}
    </div>
  );
}
