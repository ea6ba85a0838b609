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
  const [queue, decided, emergency] = await Promise.all([
    listReviews(actor, { tab: "queue", limit: REVIEW_PAGE_SIZE }),
    listReviews(actor, { tab: "decided", limit: REVIEW_PAGE_SIZE }),
    listEmergencyReviews(actor, { limit: REVIEW_PAGE_SIZE }),
  ]);
  return (
    <>
      <PageHeader title="Reviews" description="Requests waiting for a group you are in, the longest-waiting first." />
      {tab !== "emergency" && <EmergencyReviewBanner initialCount={emergency.count} />}
      <Reviews tab={tab} queue={queue} decided={decided} emergency={emergency} />
    </>
  );
}
