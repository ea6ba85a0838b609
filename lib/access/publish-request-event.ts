import type { Tx } from "@/lib/db";
import { enqueueJobs, type NewJob } from "@/lib/outbox/enqueue-job";
import { queueGrantWork } from "@/lib/provisioning/grant-events";

export const REQUEST_EVENT_JOB = "request.event";

export type RequestEventType =
  | "request.created"
  | "request.approval_added"
  | "request.approved"
  | "request.rejected"
  | "request.revoked"
  | "request.expired"
  // Issue 7: a pending request nobody decided in time, an extended grant, a break-glass grant.
  | "request.timed_out"
  | "request.extended"
  | "request.emergency"
  // Provisioning alerts (issue 6), published once per grant by lib/provisioning/grant-jobs.ts.
  | "grant.provision_failed"
  | "grant.deprovision_failed";

export type RequestEvent = { type: RequestEventType; requestId: string; actorId?: string | null; at: string };

export function requestEventJob(event: RequestEvent): NewJob {
  return {
    kind: REQUEST_EVENT_JOB,
    payload: event,
    // approval_added happens once per approver; every other event once per request.
    dedupeKey: `${event.type}:${event.requestId}${event.type === "request.approval_added" ? `:${event.actorId}` : ""}`,
    requestId: event.requestId,
  };
}

/**
 * Records, in the transition's own transaction, that something happened to a request.
 * Everything that reacts (notifications, webhooks, provisioning) runs from the outbox,
 * so a crash can neither lose the reaction nor run it for a change that rolled back.
 */
export async function publishRequestEvents(tx: Tx, events: RequestEvent[]): Promise<void> {
  await enqueueJobs(tx, events.map(requestEventJob));
  // Provisioning (issue 6): open or end the grant's real-world access in the same transaction.
  await queueGrantWork(tx, events);
}
