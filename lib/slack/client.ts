import { WebClient, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { env } from "@/lib/env";
import { PermanentJobError } from "@/lib/outbox/job-handler";

/** Slack says these may pass on a later try; every other platform error is a setup problem no retry fixes. */
const TRANSIENT_PLATFORM_ERRORS = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"]);

export class SlackNotConfiguredError extends PermanentJobError {
  constructor() {
    super("Slack is not set up: set SLACK_BOT_TOKEN (see docs/notifications.md).");
  }
}

/**
 * A Web API client for the configured workspace. Its own retries are off: the outbox
 * retries with backoff and keeps count, so a failure is never retried twice over.
 */
export function slackClient(): WebClient {
  const { SLACK_BOT_TOKEN, SLACK_API_URL } = env();
  if (!SLACK_BOT_TOKEN) throw new SlackNotConfiguredError();
  return new WebClient(SLACK_BOT_TOKEN, {
    slackApiUrl: SLACK_API_URL.endsWith("/") ? SLACK_API_URL : `${SLACK_API_URL}/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  });
}

/** Runs a Web API call for an outbox job: errors that no retry fixes become PermanentJobError. */
export async function slackCall<T>(what: string, call: (client: WebClient) => Promise<T>): Promise<T> {
  const client = slackClient();
  try {
    return await call(client);
  } catch (error) {
    throw classifySlackError(what, error);
  }
}

export function classifySlackError(what: string, error: unknown): Error {
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const message = `Slack ${what} failed: ${code}`;
    return TRANSIENT_PLATFORM_ERRORS.has(code) ? new Error(message) : new PermanentJobError(message);
  }
  if (error instanceof WebAPIRateLimitedError) return new Error(`Slack ${what} was rate limited; retry after ${error.retryAfter}s`);
  if (error instanceof WebAPIHTTPError) {
    const message = `Slack ${what} failed: HTTP ${error.statusCode}`;
    const retryable = error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408;
    return retryable ? new Error(message) : new PermanentJobError(message);
  }
  return new Error(`Slack ${what} failed: ${(error as Error)?.message ?? String(error)}`);
}
