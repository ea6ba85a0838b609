import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { NewRequestForm } from "@/components/requests/new-request-form";
import { listConnections } from "@/lib/admin/list-connections";
import { pageActor } from "@/lib/auth/page-actor";
import { canBreakGlass } from "@/lib/access/break-glass";

export const metadata: Metadata = { title: "Request access" };

type Search = { connection?: string | string[]; duration?: string | string[]; reason?: string | string[]; ticket?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 2000);

export default async function NewRequestPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [actor, connections, search] = await Promise.all([pageActor(), listConnections(), searchParams]);
  return (
    <>
      <PageHeader title="Request access" description="Pick a connection, say for how long and why. Access ends by itself when the time is up." />
      <NewRequestForm
        connections={connections}
        prefill={{ connection: one(search.connection), duration: one(search.duration), reason: one(search.reason), ticket: one(search.ticket)?.slice(0, 100) }}
        isAdmin={actor.isAdmin}
        breakGlass={connections.filter((c) => canBreakGlass(actor, c)).map((c) => c.name)}
      />
    </>
  );
}
