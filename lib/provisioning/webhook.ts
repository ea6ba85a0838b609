import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The `webhook` provisioner's signed deliveries. A receiver verifies
 *   Timebox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * and rejects timestamps older than a few minutes (docs/provisioners.md).
 */

export const SIGNATURE_HEADER = "Timebox-Signature";
export const EVENT_HEADER = "Timebox-Event";
export const DELIVERY_HEADER = "Timebox-Delivery";
const TIMEOUT_MS = 10_000;
const DEFAULT_TOLERANCE_SECONDS = 300;

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signPayload(secret: string, body: string, timestamp: number): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** The reference verifier (what docs/provisioners.md shows receivers): constant-time, with a replay window. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  opts: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const [k, v] = item.split("=", 2);
    if (k && v) parts.set(k.trim(), [...(parts.get(k.trim()) ?? []), v.trim()]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t)) return false;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  return (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export type WebhookEvent = {
  /** Stable across retries: receivers use it to ignore a delivery they already processed. */
  id: string;
  type: "grant.activated" | "grant.extended" | "grant.ended" | "audit.event" | "ping";
  createdAt: string;
  data: Record<string, unknown>;
};

export class WebhookError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** POSTs one signed event. 2xx is success; 408, 425, 429, 5xx and network errors are retried; other 4xx are not. */
export async function deliverWebhook(url: string, secret: string, event: WebhookEvent, now = new Date()): Promise<{ status: number }> {
  const body = JSON.stringify(event);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Timebox-Webhook/1",
        [EVENT_HEADER]: event.type,
        [DELIVERY_HEADER]: event.id,
        [SIGNATURE_HEADER]: signPayload(secret, body, Math.floor(now.getTime() / 1000)),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = (error as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new WebhookError(`Webhook receiver unreachable: ${why}`, false);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.ok) return { status: response.status };
  const retryable = response.status >= 500 || [408, 425, 429].includes(response.status);
  throw new WebhookError(`Webhook receiver answered HTTP ${response.status}${retryable ? "" : " (not retried automatically)"}`, !retryable);
}
