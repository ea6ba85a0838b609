"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BarChart3Icon, BellIcon, DatabaseIcon, ShieldCheckIcon, UsersIcon } from "lucide-react";
import { cn } from "@/lib/utils";

const ITEMS = [
  { href: "/admin/connections", label: "Connections", Icon: DatabaseIcon },
  { href: "/admin/groups", label: "Groups & users", Icon: UsersIcon },
  { href: "/admin/notifications", label: "Notifications", Icon: BellIcon },
  { href: "/admin/insights", label: "Insights", Icon: BarChart3Icon },
  { href: "/admin/audit", label: "Audit integrity", Icon: ShieldCheckIcon },
];

/** The admin section's own tabs. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="-mb-2 min-w-0 border-b">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {ITEMS.map(({ href, label, Icon }) => {
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                <Icon className="size-4" aria-hidden="true" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
