import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { NotificationsAdmin } from "@/components/admin/notifications-admin";
import { requirePageActor } from "@/lib/auth/current-actor";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsAdminPage() {
  const actor = await requirePageActor();
  if (!actor.isAdmin) {
    return <p className="py-16 text-center text-sm text-muted-foreground">Notifications settings are for admins only.</p>;
  }
  return (
    <>
      <PageHeader title="Notifications" description="Slack, Teams and email delivery, failed deliveries, and Slack account links." />
      <NotificationsAdmin />
    </>
  );
}
