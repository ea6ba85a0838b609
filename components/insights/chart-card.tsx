"use client";

import { useId, useState } from "react";
import { BarChart3Icon, TableIcon } from "lucide-react";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/**
 * A chart with its data table alternative: a visible Chart / Table switch, the chart
 * described in words for screen readers, and the same numbers as a real table.
 */
export function ChartCard({
  title,
  description,
  summary,
  chart,
  table,
  empty,
  className,
  testId,
}: {
  title: string;
  description?: React.ReactNode;
  /** The chart in one sentence: the chart's accessible name. */
  summary: string;
  chart: React.ReactNode;
  table: React.ReactNode;
  /** Shown instead of both when there is nothing to plot. */
  empty?: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const [view, setView] = useState<"chart" | "table">("chart");
  const id = useId();
  return (
    <Card role="region" className={cn("min-w-0 gap-4", className)} data-testid={testId} aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
        {!empty && (
          <CardAction>
            <div className="flex rounded-md border p-0.5" role="group" aria-label={`Show ${title} as`}>
              {(
                [
                  { value: "chart", label: "Chart", Icon: BarChart3Icon },
                  { value: "table", label: "Table", Icon: TableIcon },
                ] as const
              ).map(({ value, label, Icon }) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={view === value}
                  onClick={() => setView(value)}
                  className={cn(
                    "flex h-7 items-center gap-1.5 rounded-sm px-2 text-xs font-medium text-muted-foreground outline-none transition-colors hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    view === value && "bg-muted text-foreground",
                  )}
                >
                  <Icon className="size-3.5" aria-hidden="true" />
                  {label}
                </button>
              ))}
            </div>
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="min-w-0">
        {empty ?? (view === "chart" ? (
          <figure className="m-0">
            <div role="img" aria-label={summary}>
              {chart}
            </div>
            <figcaption className="sr-only">{summary} Switch to the table for every value.</figcaption>
          </figure>
        ) : (
          <div className="max-h-80 overflow-auto rounded-md border">{table}</div>
        ))}
      </CardContent>
    </Card>
  );
}

export function NoData({ children }: { children: React.ReactNode }) {
  return <p className="grid h-40 place-items-center rounded-lg border border-dashed px-4 text-center text-sm text-muted-foreground">{children}</p>;
}
