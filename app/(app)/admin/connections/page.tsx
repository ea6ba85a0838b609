import type { Metadata } from "next";
import Link from "next/link";
import { DatabaseIcon, PencilIcon, PlusIcon, TimerIcon, UsersIcon } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/empty-state";
import { Forbidden } from "@/components/forbidden";
import { listConnections } from "@/lib/admin/list-connections";
import { adminPageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  if (!(await adminPageActor())) return <Forbidden what="Administration" />;
  const connections = await listConnections();
  return (
    <>
      <PageHeader
        title="Connections"
        description="What people can request access to, and the approval rule for each."
        actions={
          <Button asChild>
            <Link href="/admin/connections/new">
              <PlusIcon aria-hidden="true" />
              New connection
            </Link>
          </Button>
        }
      />
      {connections.length === 0 ? (
        <EmptyState
          Icon={DatabaseIcon}
          title="No connections yet"
          action={
            <Button asChild>
              <Link href="/admin/connections/new">Create the first connection</Link>
            </Button>
          }
        >
          A connection is a database, cluster or server people need temporary access to.
        </EmptyState>
      ) : (
        <ul className="grid gap-3" aria-label="Connections">
          {connections.map((c) => (
            <li key={c.id}>
              <Card className="gap-3 px-4 py-4 sm:px-5" data-testid="connection-card">
                <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
                  <div className="min-w-0 flex-1">
                    <h2 className="flex flex-wrap items-center gap-2 font-semibold">
                      <Link href={`/admin/connections/${encodeURIComponent(c.name)}`} className="break-all underline-offset-4 hover:underline focus-visible:underline focus-visible:outline-none">
                        {c.name}
                      </Link>
                      <Badge variant="outline">{c.type}</Badge>
                    </h2>
                    {c.description && <p className="mt-1 text-sm text-muted-foreground">{c.description}</p>}
                  </div>
                  <div className="flex gap-2">
                    <Button asChild variant="ghost" size="sm">
                      <Link href={`/requests/new?connection=${encodeURIComponent(c.name)}`}>Request</Link>
                    </Button>
                    <Button asChild variant="outline" size="sm">
                      <Link href={`/admin/connections/${encodeURIComponent(c.name)}`}>
                        <PencilIcon aria-hidden="true" />
                        Edit<span className="sr-only"> {c.name}</span>
                      </Link>
                    </Button>
                  </div>
                </div>
                <p className="text-sm">{c.rule}</p>
                <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-muted-foreground">
                  <span className="flex flex-wrap items-center gap-1">
                    <UsersIcon className="size-3.5" aria-hidden="true" />
                    {c.approvalGroups.length === 0
                      ? "no approval groups"
                      : c.approvalGroups.map((g) => (
                          <Badge key={g.name} variant="secondary">
                            {g.name}
                            {g.minApprovals > 1 && ` ×${g.minApprovals}`}
                          </Badge>
                        ))}
                  </span>
                  <span className="flex items-center gap-1">
                    <TimerIcon className="size-3.5" aria-hidden="true" />
                    max {c.maxDuration} · default {c.defaultDuration}
                  </span>
                  <span>{c.autoApproveAdmins ? "admins auto-approved" : "admins need approval"}</span>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
