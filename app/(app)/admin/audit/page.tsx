import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Forbidden } from "@/components/forbidden";
import { AuditVerify } from "@/components/audit/audit-verify";
import { adminPageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Audit integrity" };

export default async function AuditIntegrityPage() {
  const actor = await adminPageActor();
  if (!actor) return <Forbidden what="Administration" />;
  return (
    <>
      <PageHeader title="Audit integrity" description="Checks that no audit event was edited, inserted or deleted behind Timebox's back." />
      <AuditVerify />
    </>
  );
}
