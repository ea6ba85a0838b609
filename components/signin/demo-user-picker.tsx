"use client";

import { useFormStatus } from "react-dom";
import { ChevronRightIcon, Loader2Icon } from "lucide-react";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { cn, initials } from "@/lib/utils";

export type DemoUser = { email: string; name: string | null; groupNames: string[] };

type PickerProps = {
  users: DemoUser[];
  redirectTo: string;
  action: (formData: FormData) => Promise<void>;
};

/** Demo mode's "Sign in as" list: one submit button per seeded person. */
export function DemoUserPicker({ users, redirectTo, action }: PickerProps) {
  if (users.length === 0) {
    return <p className="px-6 text-sm text-muted-foreground">There are no users yet. Restart Timebox to seed the demo organisation.</p>;
  }
  return (
    <ul className="divide-y border-t" aria-label="Demo users">
      {users.map((user) => (
        <li key={user.email}>
          <form action={action}>
            <input type="hidden" name="email" value={user.email} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <DemoUserButton user={user} />
          </form>
        </li>
      ))}
    </ul>
  );
}

function DemoUserButton({ user }: { user: DemoUser }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="group flex w-full items-center gap-3 px-6 py-3 text-left outline-none transition-colors hover:bg-accent/60 focus-visible:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset disabled:opacity-70"
    >
      <Avatar className="size-9">
        <AvatarFallback>{initials(user.name, user.email)}</AvatarFallback>
      </Avatar>
      <span className="grid min-w-0 flex-1 gap-0.5">
        <span className="truncate text-sm font-medium">{user.name ?? user.email}</span>
        <span className="truncate text-xs text-muted-foreground">{user.email}</span>
        <GroupBadges groupNames={user.groupNames} className="mt-1 sm:hidden" />
      </span>
      <GroupBadges groupNames={user.groupNames} className="hidden justify-end sm:flex" />
      {pending ? (
        <Loader2Icon className="size-4 shrink-0 animate-spin text-muted-foreground" aria-label="Signing in" />
      ) : (
        <ChevronRightIcon
          className="size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5"
          aria-hidden="true"
        />
      )}
    </button>
  );
}

/** Under the email on phones, to the right on wider screens (only one of the two is displayed). */
function GroupBadges({ groupNames, className }: { groupNames: string[]; className: string }) {
  return (
    <span className={cn("flex flex-wrap gap-1", className)}>
      {groupNames.map((group) => (
        <Badge key={group} variant={group === "admin" ? "default" : "secondary"}>
          {group}
        </Badge>
      ))}
    </span>
  );
}
