import { BanIcon, CalendarClockIcon, CheckCircle2Icon, CircleDashedIcon, HourglassIcon, TimerOffIcon, XCircleIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

import type { AccessRequestView } from "@/lib/access/request-view";

export type RequestStatus = AccessRequestView["status"];

const STYLES = {
  PENDING: { variant: "warning", Icon: HourglassIcon, hint: "Waiting for approval" },
  APPROVED: { variant: "success", Icon: CheckCircle2Icon, hint: "Access granted" },
  REJECTED: { variant: "destructive", Icon: XCircleIcon, hint: "Denied by an approver" },
  REVOKED: { variant: "destructive", Icon: BanIcon, hint: "Access withdrawn early" },
  EXECUTED: { variant: "secondary", Icon: CircleDashedIcon, hint: "Access period completed" },
  EXPIRED: { variant: "secondary", Icon: TimerOffIcon, hint: "Timed out: no decision in time" },
} as const satisfies Record<string, { variant: string; Icon: unknown; hint: string }>;

const FALLBACK = { variant: "outline", Icon: CircleDashedIcon, hint: "" } as const;

/**
 * The status as a word, a colour and an icon, so it reads without colour too. An
 * APPROVED grant past its expiry grants nothing; until the sweep marks it EXECUTED
 * it shows as ENDED.
 */
export function StatusBadge({ status, active, scheduled, className }: { status: RequestStatus; active?: boolean; scheduled?: boolean; className?: string }) {
  // An approved grant whose window opens later (issue 7's scheduled start) is SCHEDULED, not ENDED.
  const upcoming = status === "APPROVED" && scheduled === true;
  const lapsed = status === "APPROVED" && active === false && !upcoming;
  const style = upcoming
    ? { variant: "success" as const, Icon: CalendarClockIcon, hint: "Approved; access starts at its scheduled time" }
    : lapsed
      ? { variant: "secondary" as const, Icon: TimerOffIcon, hint: "The grant window has ended; it will be marked EXECUTED" }
      : ((STYLES as Record<string, (typeof STYLES)[keyof typeof STYLES]>)[status] ?? FALLBACK);
  const label = upcoming ? "SCHEDULED" : lapsed ? "ENDED" : status;
  return (
    <Badge variant={style.variant} className={cn("font-semibold tracking-wide", className)} title={style.hint} data-testid="status-badge">
      <style.Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}
