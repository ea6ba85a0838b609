import type { Metadata } from "next";
import Link from "next/link";
import { PlusIcon } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { MyRequests } from "@/components/requests/my-requests";
import { PAGE_SIZE, STATUS_FILTERS } from "@/components/list-options";
import { listRequests } from "@/lib/access/list-requests";
import { isActiveGrant } from "@/lib/access/request-view";
import { pageActor } from "@/lib/auth/page-actor";
import { countEmergencyReviews } from "@/lib/access/emergency-reviews";
import { EmergencyReviewBanner } from "@/components/reviews/emergency-reviews";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage({ searchParams }: { searchParams: Promise<{ status?: string | string[] }> }) {
  const [actor, search] = await Promise.all([pageActor(), searchParams]);
  const status = STATUS_FILTERS.find((f) => f.value !== undefined && f.value === search.status)?.value;
  const [page, approved, emergencyReviews] = await Promise.all([
    listRequests(actor, { mine: "1", status, limit: PAGE_SIZE }),
    listRequests(actor, { mine: "1", status: "APPROVED", limit: 100 }),
    countEmergencyReviews(actor),
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
      <EmergencyReviewBanner initialCount={emergencyReviews} />
      <MyRequests key={status ?? "all"} status={status} initialPage={page} initialActive={approved.items.filter(isActiveGrant)} />
    </>
  );
}
