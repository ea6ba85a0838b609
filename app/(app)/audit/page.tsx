import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AuditLog, type AuditFilters } from "@/components/audit/audit-log";
import { AuditExportButtons } from "@/components/audit/audit-export";
import { AUDIT_PAGE_SIZE } from "@/components/list-options";
import { listEvents } from "@/lib/audit/list-events";
import { listConnections } from "@/lib/admin/list-connections";
import { listUsers } from "@/lib/admin/list-users";
import { pageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<keyof AuditFilters, string | string[] | undefined>;
/** One value per filter, cut to what the query accepts, so a hand-edited URL never fails the page. */
const one = (v: string | string[] | undefined, max: number) => {
  const text = (Array.isArray(v) ? v[0] : v)?.trim();
  return text ? text.slice(0, max) : undefined;
};

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [actor, search] = await Promise.all([pageActor(), searchParams]);
  const filters: AuditFilters = { actor: one(search.actor, 320), connection: one(search.connection, 200), request: one(search.request, 200), action: one(search.action, 100) };
  const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as AuditFilters;
  const [page, connections, people] = await Promise.all([
    listEvents(actor, { ...defined, limit: AUDIT_PAGE_SIZE }),
    listConnections(),
    actor.isAdmin ? listUsers(actor).then((users) => users.map((u) => u.email)) : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description={actor.isAdmin ? "Every change in Timebox, newest first: who, what, when and from where." : "Everything that happened to your own requests, newest first."}
        actions={<AuditExportButtons filters={defined} isAdmin={actor.isAdmin} />}
      />
      <AuditLog key={JSON.stringify(defined)} filters={defined} initialPage={page} connections={connections.map((c) => c.name)} people={people} isAdmin={actor.isAdmin} />
    </>
  );
}
