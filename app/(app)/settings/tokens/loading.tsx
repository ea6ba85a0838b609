import { Skeleton } from "@/components/ui/skeleton";

export default function TokensLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only" role="status">
        Loading your tokens…
      </span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-36" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="mb-6 h-40 w-full rounded-xl" />
      <Skeleton className="mb-3 h-6 w-32" />
      <Skeleton className="h-32 w-full rounded-xl" />
    </div>
  );
}
