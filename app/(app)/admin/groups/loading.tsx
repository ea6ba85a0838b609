import { Skeleton } from "@/components/ui/skeleton";

export default function GroupsLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only" role="status">
        Loading groups and users…
      </span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="mb-4 h-9 w-56" />
      <Skeleton className="mb-4 h-28 w-full rounded-xl" />
      <div className="grid gap-4 xl:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-44 rounded-xl" />
        ))}
      </div>
    </div>
  );
}
