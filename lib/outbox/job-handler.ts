import type { Prisma } from "@/lib/generated/prisma/client";

export type ClaimedJob = {
  id: string;
  kind: string;
  payload: Prisma.JsonObject;
  attempts: number;
  maxAttempts: number;
  requestId: string | null;
  dedupeKey: string;
};

/** Runs one job. Return a JSON result to keep (e.g. a Slack message ts); throw to retry. */
export type JobHandler = (job: ClaimedJob, now: Date) => Promise<Prisma.InputJsonValue | void>;

/** A failure no retry can fix (bad configuration, a 4xx from the receiver): the job goes dead at once. */
export class PermanentJobError extends Error {}
