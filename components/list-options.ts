import type { RequestStatus } from "@/components/requests/status-badge";

/** Shared by the server pages and their client lists (a "use client" module cannot export plain values to the server). */
export const STATUS_FILTERS: { value: RequestStatus | undefined; label: string }[] = [
  { value: undefined, label: "All" },
  { value: "PENDING", label: "Pending" },
  { value: "APPROVED", label: "Approved" },
  { value: "REJECTED", label: "Rejected" },
  { value: "REVOKED", label: "Revoked" },
  { value: "EXECUTED", label: "Executed" },
];

export const PAGE_SIZE = 20;
export const REVIEW_PAGE_SIZE = 20;
export const AUDIT_PAGE_SIZE = 50;
