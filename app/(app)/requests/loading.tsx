import { Skeleton } from "@/components/ui/skeleton";

export default function MyRequestsLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only" role="status">
        Loading your requests…
      </span>
      <div className="mb-6 flex items-end justify-between gap-4">
        <div className="space-y-2">
          <Skeleton className="h-8 w-44" />
          <Skeleton className="h-4 w-64" />
        </div>
        <Skeleton className="h-9 w-36" />
      </div>
      <div className="mb-3 flex justify-between">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-8 w-80 max-w-[60%]" />
      </div>
      <div className="divide-y rounded-xl border">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex items-center gap-3 px-4 py-4">
            <Skeleton className="h-5 w-20" />
            <Skeleton className="h-5 w-40" />
            <Skeleton className="ml-auto h-4 w-24" />
          </div>
        ))}
      </div>
    </div>
  );
}
