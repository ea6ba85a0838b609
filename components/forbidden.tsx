import Link from "next/link";
import { ShieldAlertIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The 403 page inside the shell: who may see this, and a way back. */
export function Forbidden({ what = "This page" }: { what?: string }) {
  return (
    <div className="flex flex-col items-center justify-center gap-4 py-16 text-center" data-testid="forbidden">
      <span className="grid size-12 place-items-center rounded-full bg-destructive/10 text-destructive" aria-hidden="true">
        <ShieldAlertIcon className="size-6" />
      </span>
      <div className="space-y-1">
        <p className="text-sm font-medium text-muted-foreground">403 · Not allowed</p>
        <h1 className="text-xl font-semibold">{what} is for admins only</h1>
        <p className="max-w-md text-sm text-muted-foreground">
          Ask an admin to add you to the <span className="font-mono">admin</span> group if you need to manage connections, groups or users.
        </p>
      </div>
      <Button asChild variant="outline">
        <Link href="/requests">Back to my requests</Link>
      </Button>
    </div>
  );
}
