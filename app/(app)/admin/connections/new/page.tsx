import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ConnectionForm } from "@/components/admin/connection-form";
import { Forbidden } from "@/components/forbidden";
import { listGroups } from "@/lib/admin/list-groups";
import { adminPageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "New connection" };

export default async function NewConnectionPage() {
  const actor = await adminPageActor();
  if (!actor) return <Forbidden what="Administration" />;
  const groups = await listGroups(actor);
  return (
    <>
      <PageHeader title="New connection" description="Name it, then choose who approves and for how long access may last." />
      <ConnectionForm groupNames={groups.map((g) => g.name)} />
    </>
  );
}
