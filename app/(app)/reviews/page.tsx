import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Reviews } from "@/components/reviews/review-queue";
import { REVIEW_PAGE_SIZE } from "@/components/list-options";
import { listReviews } from "@/lib/access/list-reviews";
import { pageActor } from "@/lib/auth/page-actor";
import { listEmergencyReviews } from "@/lib/access/emergency-reviews";
import { EmergencyReviewBanner } from "@/components/reviews/emergency-reviews";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<{ tab?: string | string[] }> }) {
  const [actor, search] = await Promise.all([pageActor(), searchParams]);
  const tab = search.tab === "decided" || search.tab === "emergency" ? search.tab : "queue";
  // Of the two request lists only the open tab's first page is rendered here; the other loads when shown.
  const [initialPage, emergency] = await Promise.all([
    tab === "emergency" ? undefined : listReviews(actor, { tab, limit: REVIEW_PAGE_SIZE }),
    listEmergencyReviews(actor, { limit: REVIEW_PAGE_SIZE }),
  ]);
  return (
    <>
      <PageHeader title="Reviews" description="Requests waiting for a group you are in, the longest-waiting first." />
      {tab !== "emergency" && <EmergencyReviewBanner initialCount={emergency.count} />}
      <Reviews tab={tab} initialPage={initialPage} emergency={emergency} />
    </>
  );
}
