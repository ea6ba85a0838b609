import { env } from "@/lib/env";

const DEFAULT_PUBLIC_URL = "http://localhost:3000";

/** The address people reach Timebox at, for links in Slack, Teams and email (no trailing slash). */
export function publicUrl(): string {
  return (env().TIMEBOX_PUBLIC_URL ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, "");
}

export function requestPageUrl(requestId: string): string {
  return `${publicUrl()}/requests/${encodeURIComponent(requestId)}`;
}
