import Link from "next/link";
import { HistoryIcon } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LocalDateTime } from "@/components/time/time-labels";
import { describeEvent } from "@/lib/audit/describe-event";
import type { AuditEventView } from "@/lib/audit/list-events";

/** The last settings changes of a connection, before → after, from the audit log. */
export function ConnectionHistory({ events }: { events: AuditEventView[] }) {
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <HistoryIcon className="size-4" aria-hidden="true" />
          Change history
        </CardTitle>
        <CardDescription>Every change is audited with its before and after values.</CardDescription>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <p className="text-sm text-muted-foreground">No changes since the connection was created.</p>
        ) : (
          <ol className="grid gap-4">
            {events.map((e) => {
              const changes = describeEvent(e.action, e.data).changes ?? [];
              return (
                <li key={e.id} className="grid gap-1.5 text-sm">
                  <p>
                    <span className="font-medium">{e.actor ?? "Timebox"}</span> <span className="text-muted-foreground">·</span>{" "}
                    <LocalDateTime at={e.at} className="text-muted-foreground" />
                  </p>
                  {changes.length === 0 ? (
                    <p className="text-muted-foreground">Saved without changes.</p>
                  ) : (
                    <ul className="grid gap-1">
                      {changes.map((c) => (
                        <li key={c.field}>
                          <span className="text-muted-foreground">{c.field}:</span> <del className="text-muted-foreground decoration-destructive/60">{c.before}</del>{" "}
                          <span aria-label="changed to">→</span> <ins className="font-medium no-underline">{c.after}</ins>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        <p className="mt-4 text-sm">
          <Link href="/audit?action=connection.updated" className="underline underline-offset-4">
            All settings changes
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
