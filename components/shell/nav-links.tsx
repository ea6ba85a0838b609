"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ClipboardCheckIcon, KeyRoundIcon, KeySquareIcon, ScrollTextIcon, SettingsIcon, type LucideIcon } from "lucide-react";
import { ReviewCountBadge } from "@/components/shell/review-count";
import { cn } from "@/lib/utils";

type NavItem = { href: string; label: string; Icon: LucideIcon; adminOnly?: boolean };

const NAV_ITEMS: readonly NavItem[] = [
  { href: "/requests", label: "Requests", Icon: KeyRoundIcon },
  { href: "/reviews", label: "Reviews", Icon: ClipboardCheckIcon },
  { href: "/admin", label: "Admin", Icon: SettingsIcon, adminOnly: true },
  { href: "/audit", label: "Audit", Icon: ScrollTextIcon },
  { href: "/settings/tokens", label: "API tokens", Icon: KeySquareIcon },
];

function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The main navigation. Admin is hidden from non-admins to keep the menu honest;
 * the admin pages still check permissions on the server.
 */
export function NavLinks({ isAdmin, reviewCount, onNavigate }: { isAdmin: boolean; reviewCount?: number; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex flex-col gap-1">
        {NAV_ITEMS.filter((item) => isAdmin || !item.adminOnly).map(({ href, label, Icon }) => {
          const active = isActive(pathname, href);
          return (
            <li key={href}>
              <Link
                href={href}
                onClick={onNavigate}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  active
                    ? "bg-primary/10 text-primary dark:bg-primary/15"
                    : "text-muted-foreground hover:bg-accent hover:text-accent-foreground",
                )}
              >
                <Icon className="size-4 shrink-0" aria-hidden="true" />
                {label}
                {href === "/reviews" && <ReviewCountBadge initial={reviewCount} />}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
