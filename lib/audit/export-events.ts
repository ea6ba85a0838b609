import { z } from "zod";
import { parseInput } from "@/lib/validation";
import type { Actor } from "@/lib/permissions";
import { listEvents, listEventsQuery, type AuditEventView } from "@/lib/audit/list-events";

export const exportEventsQuery = listEventsQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(["csv", "jsonl"], { error: "format must be csv or jsonl" }).default("jsonl"),
});

const CSV_COLUMNS = ["id", "at", "actor", "action", "requestId", "connection", "targetType", "targetId", "data", "ip", "userAgent"] as const;

/** RFC 4180 quoting, plus a leading quote for values a spreadsheet would run as a formula. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(e: AuditEventView): string {
  return CSV_COLUMNS.map((c) => csvField(e[c])).join(",") + "\r\n";
}

/**
 * The audit log as CSV or JSON Lines with the audit page's filters and visibility,
 * produced page by page as the reader pulls, so memory stays flat however long it is.
 */
export function exportEvents(actor: Actor, raw: unknown): { contentType: string; filename: string; stream: ReadableStream<Uint8Array> } {
  const { format, ...filters } = parseInput(exportEventsQuery, raw);
  const encoder = new TextEncoder();
  let cursor: string | null | undefined;
  let headerSent = format !== "csv";
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_COLUMNS.join(",") + "\r\n"));
        return;
      }
      if (cursor === null) {
        controller.close();
        return;
      }
      const page = await listEvents(actor, { ...filters, limit: 100, ...(cursor ? { cursor } : {}) });
      const text = page.items.map((e) => (format === "csv" ? csvLine(e) : JSON.stringify(e) + "\n")).join("");
      if (text) controller.enqueue(encoder.encode(text));
      cursor = page.nextCursor;
      if (cursor === null) controller.close();
    },
  });
  return {
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    filename: `timebox-audit.${format === "csv" ? "csv" : "jsonl"}`,
    stream,
  };
}
