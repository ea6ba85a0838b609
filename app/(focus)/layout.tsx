import Link from "next/link";
import { Brand } from "@/components/brand";
import { ThemeToggle } from "@/components/theme-toggle";

// Pages reached from a link in an email or in Slack: one focused card, no app shell.
export const dynamic = "force-dynamic";

export default function FocusLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col bg-muted/40 dark:bg-background">
      <div className="absolute top-3 right-3">
        <ThemeToggle />
      </div>
      <main className="mx-auto flex w-full max-w-lg flex-1 flex-col justify-center gap-6 px-4 py-12">
        <header className="flex justify-center">
          <Link href="/requests" className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
            <Brand size="lg" />
          </Link>
        </header>
        {children}
      </main>
    </div>
  );
}
