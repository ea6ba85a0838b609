import Link from "next/link";
import { Brand } from "@/components/brand";
import { ThemeToggle } from "@/components/theme-toggle";
import { MobileNav } from "@/components/shell/mobile-nav";
import { NavLinks } from "@/components/shell/nav-links";
import { UserMenu, type MenuUser } from "@/components/shell/user-menu";

type ShellProps = {
  user: MenuUser & { isAdmin: boolean };
  /** Requests waiting for this user's review when the page was rendered; the badge keeps it fresh. */
  reviewCount?: number;
  signOutAction: () => Promise<void>;
  children: React.ReactNode;
};

/** Header with brand and account menu; a sidebar nav from tablet width up, a drawer below it. */
export function AppShell({ user, reviewCount, signOutAction, children }: ShellProps) {
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[60] focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:text-sm focus:shadow-md focus:ring-[3px] focus:ring-ring/50"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 h-14 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
        <div className="flex h-full items-center gap-1 px-3 sm:px-4">
          <MobileNav isAdmin={user.isAdmin} reviewCount={reviewCount} />
          <Link
            href="/requests"
            className="rounded-md px-1 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
            aria-label="Timebox home"
          >
            <Brand />
          </Link>
          <div className="flex-1" />
          <ThemeToggle />
          <UserMenu user={user} signOutAction={signOutAction} />
        </div>
      </header>
      <div className="flex">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-60 shrink-0 border-r bg-sidebar px-3 py-4 md:block">
          <NavLinks isAdmin={user.isAdmin} reviewCount={reviewCount} />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 md:px-8 md:py-8">
          <div className="mx-auto w-full max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
