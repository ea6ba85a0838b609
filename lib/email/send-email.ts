import { Resend } from "resend";
import { env } from "@/lib/env";

export type OutgoingEmail = { from: string; to: string; subject: string; html: string; text: string };

export async function sendEmail(apiKey: string, email: OutgoingEmail): Promise<void> {
  const { error } = await new Resend(apiKey, { baseUrl: env().RESEND_BASE_URL }).emails.send(email);
  if (error) throw new Error(`Email to ${email.to} failed: ${error.message}`);
}
