import Link from "next/link";
import { DownloadIcon, ShieldCheckIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { query } from "@/lib/client/api";
import type { AuditFilters } from "@/components/audit/audit-log";

/**
 * Downloads of the audit log with the page's current filters: plain links, so the
 * browser streams the file from /api/v1/audit/export however long it is.
 */
export function AuditExportButtons({ filters, isAdmin }: { filters: AuditFilters; isAdmin: boolean }) {
  const filtered = Object.values(filters).some(Boolean);
  const href = (format: "csv" | "jsonl") => `/api/v1/audit/export${query({ format, ...filters })}`;
  const what = filtered ? "the filtered events" : isAdmin ? "every event" : "the events of your requests";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Export the audit log">
      <Button asChild variant="outline" size="sm">
        <a href={href("csv")} download title={`Download ${what} as CSV`} data-testid="export-csv">
          <DownloadIcon aria-hidden="true" />
          Export CSV
        </a>
      </Button>
      <Button asChild variant="outline" size="sm">
        <a href={href("jsonl")} download title={`Download ${what} as JSON Lines`} data-testid="export-jsonl">
          <DownloadIcon aria-hidden="true" />
          Export JSONL
        </a>
      </Button>
      {isAdmin && (
        <Button asChild variant="ghost" size="sm">
          <Link href="/admin/audit">
            <ShieldCheckIcon aria-hidden="true" />
            Verify integrity
          </Link>
        </Button>
      )}
    </div>
  );
}
