import type { Metadata } from "next";
import { headers } from "next/headers";
import { PageHeader } from "@/components/page-header";
import { ApiTokens } from "@/components/settings/api-tokens";
import { listTokens } from "@/lib/tokens/list-tokens";
import { pageActor } from "@/lib/auth/page-actor";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await pageActor();
  const [tokens, h] = await Promise.all([listTokens(actor), headers()]);
  const origin = env().TIMEBOX_PUBLIC_URL ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  return (
    <>
      <PageHeader title="API tokens" description="Personal tokens for the REST API and the CLI. Each acts as you; revoke any you no longer use." />
      <ApiTokens initial={tokens} origin={origin.replace(/\/$/, "")} />
    </>
  );
}
