import type { JobHandler } from "@/lib/outbox/job-handler";
import { PermanentJobError } from "@/lib/outbox/job-handler";
import { loadNotifiedRequest } from "@/lib/notifications/request-snapshot";
import { channelsFor } from "@/lib/notifications/connection-channels";
import { requestCard, type TeamsEvent } from "@/lib/teams/cards";

/** Posts one message to a Teams incoming webhook. 4xx (bar 408/429) is a setup problem: no retry. */
export async function postToTeams(url: string, message: unknown): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(`Teams webhook unreachable: ${(error as Error).message}`);
  }
  if (response.ok) return;
  const detail = (await response.text().catch(() => "")).slice(0, 300);
  const message_ = `Teams webhook answered HTTP ${response.status}${detail ? `: ${detail}` : ""}`;
  const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
  throw retryable ? new Error(message_) : new PermanentJobError(message_);
}

/** notify.teams.post { requestId, event, n? }: a card to the connection's webhook, read when sent. */
export const postTeamsCard: JobHandler = async (job, now) => {
  const requestId = String(job.payload.requestId ?? "");
  const r = await loadNotifiedRequest(requestId, now);
  if (!r) throw new PermanentJobError(`Request ${requestId} no longer exists.`);
  const event = String(job.payload.event) as TeamsEvent;
  if (event === "reminder" && r.status !== "PENDING") return { skipped: `request is ${r.status}` };
  const { teamsWebhookUrl } = await channelsFor(r.connectionId);
  if (!teamsWebhookUrl) return { skipped: "the connection no longer posts to Teams" };
  await postToTeams(teamsWebhookUrl, requestCard(r, event, { now, n: Number(job.payload.n) || undefined }));
  return { posted: event };
};
