import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Reviews } from "@/components/reviews/review-queue";
import { REVIEW_PAGE_SIZE } from "@/components/list-options";
import { listReviews } from "@/lib/access/list-reviews";
import { pageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<{ tab?: string | string[] }> }) {
  const [actor, search] = await Promise.all([pageActor(), searchParams]);
  const tab = search.tab === "decided" ? "decided" : "queue";
  const [queue, decided] = await Promise.all([
    listReviews(actor, { tab: "queue", limit: REVIEW_PAGE_SIZE }),
    listReviews(actor, { tab: "decided", limit: REVIEW_PAGE_SIZE }),
  ]);
  return (
    <>
      <PageHeader title="Reviews" description="Requests waiting for a group you are in, the longest-waiting first." />
      <Reviews tab={tab} queue={queue} decided={decided} />
    </>
  );
}
