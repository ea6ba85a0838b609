import type { Metadata } from "next";
import Link from "next/link";
import { PlusIcon } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { MyRequests } from "@/components/requests/my-requests";
import { PAGE_SIZE, STATUS_FILTERS } from "@/components/list-options";
import { listRequests } from "@/lib/access/list-requests";
import { pageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage({ searchParams }: { searchParams: Promise<{ status?: string | string[] }> }) {
  const [actor, search] = await Promise.all([pageActor(), searchParams]);
  const status = STATUS_FILTERS.find((f) => f.value !== undefined && f.value === search.status)?.value;
  const [page, approved] = await Promise.all([
    listRequests(actor, { mine: "1", status, limit: PAGE_SIZE }),
    listRequests(actor, { mine: "1", status: "APPROVED", limit: 100 }),
  ]);
  return (
    <>
      <PageHeader
        title="My requests"
        description="Access you have asked for, newest first."
        actions={
          <Button asChild>
            <Link href="/requests/new">
              <PlusIcon aria-hidden="true" />
              Request access
            </Link>
          </Button>
        }
      />
      <MyRequests key={status ?? "all"} status={status} initialPage={page} initialActive={approved.items.filter((r) => r.active)} />
    </>
  );
}
