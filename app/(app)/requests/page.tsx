import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "My requests" };

export default function MyRequestsPage() {
  return <PageHeader title="My requests" description="Access you have asked for, newest first." />;
}
