import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MailIcon } from "lucide-react";
import { Brand } from "@/components/brand";
import { Badge } from "@/components/ui/badge";
import { devOutboxEnabled, listDevEmails } from "@/lib/email/dev-outbox";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Demo mode without an email provider: every email Timebox would have sent, newest first. */
export default async function DevOutboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!devOutboxEnabled()) notFound();
  const { to } = await searchParams;
  const emails = await listDevEmails({ to: to || undefined });
  return (
    <main className="mx-auto grid w-full max-w-4xl gap-6 px-4 py-8">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <Link href="/requests">
          <Brand />
        </Link>
        <Badge variant="outline">Demo mode: emails are not sent</Badge>
      </header>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Dev outbox</h1>
        <p className="text-sm text-muted-foreground">
          {to ? (
            <>
              Emails to {to}. <Link className="underline underline-offset-4" href="/dev/outbox">Show all</Link>
            </>
          ) : (
            "Every email Timebox would have sent. Open one to read it and click its links."
          )}
        </p>
      </div>
      {emails.length === 0 ? (
        <p className="rounded-lg border border-dashed p-8 text-center text-sm text-muted-foreground">No emails yet. Create a request to see one here.</p>
      ) : (
        <ul className="divide-y rounded-lg border bg-card" aria-label="Emails">
          {emails.map((e) => (
            <li key={e.id}>
              <Link href={`/dev/outbox/${e.id}`} className="flex items-start gap-3 px-4 py-3 outline-none hover:bg-accent focus-visible:bg-accent">
                <MailIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                <span className="grid min-w-0 flex-1 gap-0.5">
                  <span className="truncate font-medium">{e.subject}</span>
                  <span className="truncate text-sm text-muted-foreground">To {e.to}</span>
                </span>
                <time className="shrink-0 text-xs text-muted-foreground" dateTime={e.createdAt.toISOString()}>
                  {e.createdAt.toISOString().slice(11, 16)} UTC
                </time>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
