import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { GroupsAdmin } from "@/components/admin/groups-admin";
import { Forbidden } from "@/components/forbidden";
import { listConnections } from "@/lib/admin/list-connections";
import { listGroups } from "@/lib/admin/list-groups";
import { listUsers } from "@/lib/admin/list-users";
import { adminPageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Groups & users" };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<{ tab?: string | string[] }> }) {
  const actor = await adminPageActor();
  if (!actor) return <Forbidden what="Administration" />;
  const [groups, users, connections, search] = await Promise.all([listGroups(actor), listUsers(actor), listConnections(), searchParams]);
  const approves: Record<string, string[]> = {};
  for (const c of connections) for (const g of c.approvalGroups) (approves[g.name] ??= []).push(c.name);
  return (
    <>
      <PageHeader title="Groups & users" description="Groups approve requests; members of the admin group run Timebox." />
      <GroupsAdmin tab={search.tab === "users" ? "users" : "groups"} initialGroups={groups} initialUsers={users} approves={approves} viewerEmail={actor.email} />
    </>
  );
}
