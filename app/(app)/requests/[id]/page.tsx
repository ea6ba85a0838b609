import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RequestDetailView } from "@/components/requests/request-detail";
import { getRequestDetail } from "@/lib/access/request-detail";
import { pageActor } from "@/lib/auth/page-actor";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await pageActor();
  const detail = await getRequestDetail(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return <RequestDetailView initial={detail} viewerEmail={actor.email} />;
}
