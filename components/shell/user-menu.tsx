"use client";

import { useTransition } from "react";
import { LogOutIcon, UsersIcon } from "lucide-react";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { ThemeRadioItems } from "@/components/theme-toggle";
import { initials } from "@/lib/utils";

export type MenuUser = { name: string | null; email: string; groupNames: readonly string[] };

/** Who is signed in, their groups, the theme choice and sign-out. */
export function UserMenu({ user, signOutAction }: { user: MenuUser; signOutAction: () => Promise<void> }) {
  const [signingOut, startSignOut] = useTransition();
  const displayName = user.name ?? user.email;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          className="h-9 gap-2 rounded-full pr-1 pl-1 sm:pr-3"
          aria-label={`Account menu for ${displayName}`}
          data-testid="user-menu-trigger"
        >
          <Avatar className="size-7">
            <AvatarFallback>{initials(user.name, user.email)}</AvatarFallback>
          </Avatar>
          <span className="hidden max-w-40 truncate text-sm font-medium sm:inline">{displayName}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64" data-testid="user-menu">
        <DropdownMenuLabel className="flex items-center gap-3 py-2 font-normal">
          <Avatar className="size-9">
            <AvatarFallback>{initials(user.name, user.email)}</AvatarFallback>
          </Avatar>
          <span className="grid min-w-0 leading-tight">
            <span className="truncate font-medium">{displayName}</span>
            <span className="truncate text-xs text-muted-foreground">{user.email}</span>
          </span>
        </DropdownMenuLabel>
        <div className="flex flex-wrap items-center gap-1 px-2 pb-2" aria-label="Your groups">
          <UsersIcon className="mr-0.5 size-3.5 text-muted-foreground" aria-hidden="true" />
          {user.groupNames.length > 0 ? (
            user.groupNames.map((group) => (
              <Badge key={group} variant="secondary">
                {group}
              </Badge>
            ))
          ) : (
            <span className="text-xs text-muted-foreground">No groups</span>
          )}
        </div>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Theme</DropdownMenuLabel>
        <ThemeRadioItems />
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={signingOut}
          onSelect={() => startSignOut(() => signOutAction())}
        >
          <LogOutIcon aria-hidden="true" />
          {signingOut ? "Signing out…" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
