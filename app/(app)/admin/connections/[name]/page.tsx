import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { ConnectionForm } from "@/components/admin/connection-form";
import { ConnectionHistory } from "@/components/admin/connection-history";
import { ProvisionerSettings } from "@/components/admin/provisioner-settings";
import { ConnectionChannels } from "@/components/admin/connection-channels";
import { ConnectionPolicyForm } from "@/components/policy/connection-policy-form";
import { Forbidden } from "@/components/forbidden";
import { getConnection } from "@/lib/admin/list-connections";
import { listGroups } from "@/lib/admin/list-groups";
import { listEvents } from "@/lib/audit/list-events";
import { adminPageActor } from "@/lib/auth/page-actor";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Edit connection" };

export default async function EditConnectionPage({ params }: { params: Promise<{ name: string }> }) {
  const actor = await adminPageActor();
  if (!actor) return <Forbidden what="Administration" />;
  const name = decodeURIComponent((await params).name);
  const [connection, groups, history] = await Promise.all([
    getConnection(name).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    }),
    listGroups(actor),
    listEvents(actor, { connection: name, action: "connection.updated", limit: 10 }),
  ]);
  return (
    <>
      <PageHeader
        title={connection.name}
        description={
          <>
            Edit the settings of this {connection.type} connection.{" "}
            <Link href={`/audit?connection=${encodeURIComponent(connection.name)}`} className="underline underline-offset-4">
              Its audit log
            </Link>
          </>
        }
      />
      <div className="grid gap-8">
        <ConnectionForm key={JSON.stringify(connection)} connection={connection} groupNames={groups.map((g) => g.name)} />
        <ConnectionPolicyForm key={`policy-${JSON.stringify(connection.policy)}`} connection={connection} groupNames={groups.map((g) => g.name)} />
        <ProvisionerSettings name={connection.name} />
        <ConnectionChannels name={connection.name} />
        <ConnectionHistory events={history.items} />
      </div>
    </>
  );
}
