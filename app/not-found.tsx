import Link from "next/link";
import { Brand } from "@/components/brand";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 px-4 text-center">
      <Brand size="lg" />
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="text-sm text-muted-foreground">The address may be mistyped, or the page no longer exists.</p>
      </div>
      <Button asChild>
        <Link href="/">Go to Timebox</Link>
      </Button>
    </main>
  );
}
