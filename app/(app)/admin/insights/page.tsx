import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Forbidden } from "@/components/forbidden";
import { InsightsDashboard } from "@/components/insights/insights-dashboard";
import { RANGES } from "@/lib/insights/chart-data";
import { getInsights } from "@/lib/insights/get-insights";
import { adminPageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: "Insights" };

export default async function InsightsPage({ searchParams }: { searchParams: Promise<{ days?: string | string[] }> }) {
  const actor = await adminPageActor();
  if (!actor) return <Forbidden what="Administration" />;
  const wanted = Number((await searchParams).days);
  const days = (RANGES as readonly number[]).includes(wanted) ? wanted : 30;
  const insights = await getInsights(actor, { days });
  return (
    <>
      <PageHeader title="Insights" description="How access is requested, decided and used: for spotting slow approvals, busy connections and emergencies." />
      <InsightsDashboard key={days} days={days} initial={insights} />
    </>
  );
}
