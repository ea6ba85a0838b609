import { Resend } from "resend";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { PermanentJobError } from "@/lib/outbox/job-handler";
import { emailTransport } from "@/lib/notifications/delivery-status";
import type { RenderedEmail } from "@/lib/email/notification-emails";

export type Delivery = { transport: "resend"; id: string | null } | { transport: "dev-outbox"; id: string };

/**
 * Sends one email for an outbox job. `dedupeKey` doubles as Resend's Idempotency-Key, so
 * a retry after a lost response is not sent twice; the dev outbox keeps one row per key.
 */
export async function deliverEmail(dedupeKey: string, to: string, email: RenderedEmail): Promise<Delivery> {
  const e = env();
  const from = e.AUTH_EMAIL_FROM;
  switch (emailTransport()) {
    case "resend": {
      const client = new Resend(e.RESEND_API_KEY ?? e.AUTH_RESEND_KEY, { baseUrl: e.RESEND_BASE_URL });
      const { data, error } = await client.emails.send(
        { from, to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: dedupeKey.slice(0, 256) },
      );
      if (error) {
        const status = (error as { statusCode?: number | null }).statusCode ?? null;
        // 409: this idempotency key was already used, i.e. an earlier attempt of this job got through.
        if (status === 409) return { transport: "resend", id: null };
        const message = `Email to ${to} failed: ${status ? `HTTP ${status} ` : ""}${error.message}`;
        // 4xx (bad address, unverified domain, bad key) will not pass on a retry; 429 and 5xx may.
        const permanent = status !== null && status >= 400 && status < 500 && status !== 429 && status !== 408;
        throw permanent ? new PermanentJobError(message) : new Error(message);
      }
      return { transport: "resend", id: data?.id ?? null };
    }
    case "dev-outbox": {
      await db().devOutboxEmail.createMany({ data: [{ dedupeKey, to, from, ...email }], skipDuplicates: true });
      const row = await db().devOutboxEmail.findUniqueOrThrow({ where: { dedupeKey }, select: { id: true } });
      return { transport: "dev-outbox", id: row.id };
    }
    case "off":
      throw new PermanentJobError("Email is not set up: set RESEND_API_KEY (see docs/notifications.md).");
  }
}
