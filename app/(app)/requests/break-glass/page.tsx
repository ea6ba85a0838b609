import type { Metadata } from "next";
import Link from "next/link";
import { ShieldOffIcon } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { BreakGlassForm } from "@/components/break-glass/break-glass-form";
import { listConnections } from "@/lib/admin/list-connections";
import { canBreakGlass } from "@/lib/access/break-glass";
import { pageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Break glass" };

export default async function BreakGlassPage({ searchParams }: { searchParams: Promise<{ connection?: string | string[] }> }) {
  const [actor, connections, search] = await Promise.all([pageActor(), listConnections(), searchParams]);
  const eligible = connections.filter((c) => canBreakGlass(actor, c));
  const wanted = Array.isArray(search.connection) ? search.connection[0] : search.connection;
  return (
    <>
      <PageHeader
        title="Break glass"
        description="Emergency access without waiting for approval, for members of a connection's break-glass groups. Use it only when an incident cannot wait."
      />
      {eligible.length === 0 ? (
        <EmptyState
          Icon={ShieldOffIcon}
          title="You cannot break glass on any connection"
          action={
            <Button asChild>
              <Link href="/requests/new">Request access</Link>
            </Button>
          }
        >
          Break-glass access is for members of a connection&apos;s break-glass groups, which admins set per connection. Request access the usual way; in an emergency, an
          admin can also force-approve your request.
        </EmptyState>
      ) : (
        <BreakGlassForm connections={eligible} initial={wanted} />
      )}
    </>
  );
}
