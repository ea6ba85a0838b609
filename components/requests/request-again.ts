import { query } from "@/lib/client/api";

/** The new-request form, filled in like an earlier request. */
export function requestAgainHref(r: { connection: string; duration: string; reason: string; ticket?: string | null }): string {
  return `/requests/new${query({ connection: r.connection, duration: r.duration, reason: r.reason, ticket: r.ticket })}`;
}
