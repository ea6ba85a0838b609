import { Skeleton } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only" role="status">
        Loading the audit log…
      </span>
      <div className="mb-6 space-y-2">
        <Skeleton className="h-8 w-36" />
        <Skeleton className="h-4 w-96 max-w-full" />
      </div>
      <Skeleton className="mb-4 h-24 w-full rounded-xl" />
      <div className="divide-y rounded-xl border">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex gap-4 px-4 py-3">
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-4 flex-1" />
          </div>
        ))}
      </div>
    </div>
  );
}
