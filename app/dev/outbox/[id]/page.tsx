import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeftIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { devOutboxEnabled, emailLinks, getDevEmail, localiseLinks } from "@/lib/email/dev-outbox";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false }, referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function DevEmailPage({ params }: { params: Promise<{ id: string }> }) {
  if (!devOutboxEnabled()) notFound();
  const email = await getDevEmail((await params).id);
  if (!email) notFound();
  const links = emailLinks(email.html);
  // Links open in the whole window, not inside the frame; scripts never run.
  const srcDoc = localiseLinks(email.html).replace(/<head>/i, '<head><base target="_top">');
  return (
    <main className="mx-auto grid w-full max-w-4xl gap-6 px-4 py-8">
      <Button asChild variant="ghost" size="sm" className="justify-self-start">
        <Link href="/dev/outbox">
          <ArrowLeftIcon aria-hidden="true" /> Dev outbox
        </Link>
      </Button>
      <div className="grid gap-1">
        <h1 className="text-xl font-semibold tracking-tight">{email.subject}</h1>
        <p className="text-sm text-muted-foreground">
          From {email.from} · To {email.to} · {email.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
        </p>
      </div>
      {links.length > 0 && (
        <nav aria-label="Links in this email" className="flex flex-wrap gap-2">
          {links.map((l) => (
            <Button key={l.href} asChild variant="outline" size="sm">
              <a href={l.href}>{l.text}</a>
            </Button>
          ))}
        </nav>
      )}
      <iframe title="Email (HTML)" srcDoc={srcDoc} sandbox="allow-popups allow-top-navigation-by-user-activation" className="h-[640px] w-full rounded-lg border bg-white" />
      <details className="rounded-lg border bg-card p-4">
        <summary className="cursor-pointer text-sm font-medium">Plain-text part</summary>
        <pre className="mt-3 overflow-x-auto text-xs whitespace-pre-wrap">{email.text}</pre>
      </details>
    </main>
  );
}
