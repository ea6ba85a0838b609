import { Forbidden } from "@/components/forbidden";
import { AdminNav } from "@/components/admin/admin-nav";
import { pageActor } from "@/lib/auth/page-actor";

/**
 * Admin pages are for members of the "admin" group. This check runs on the server for
 * every request, by URL too; each admin page checks again before loading its data.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  if (!actor.isAdmin) return <Forbidden what="Administration" />;
  return (
    <div className="grid gap-6">
      <AdminNav />
      {children}
    </div>
  );
}
