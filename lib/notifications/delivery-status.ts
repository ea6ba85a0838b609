import { env } from "@/lib/env";

export type EmailTransport = "resend" | "dev-outbox" | "off";

/** Where email goes: Resend when a key is set, the /dev/outbox page in demo mode, otherwise nowhere. */
export function emailTransport(): EmailTransport {
  const e = env();
  if (e.RESEND_API_KEY ?? e.AUTH_RESEND_KEY) return "resend";
  return e.TIMEBOX_DEMO ? "dev-outbox" : "off";
}

export function slackConfigured(): boolean {
  return Boolean(env().SLACK_BOT_TOKEN);
}

export function slackInteractivityConfigured(): boolean {
  return Boolean(env().SLACK_SIGNING_SECRET);
}

export type DeliveryStatus = {
  slack: { botToken: boolean; signingSecret: boolean };
  email: EmailTransport;
  publicUrl: string;
};
