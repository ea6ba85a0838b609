"use server";

import { optionalPageActor } from "@/lib/auth/current-actor";
import { AppError } from "@/lib/errors";
import { performEmailAction } from "@/lib/email/email-actions";
import { actionMeta } from "@/lib/notifications/page-meta";

export type EmailActionState =
  | { status: "idle" }
  | { status: "done"; action: "approve" | "reject"; requestId: string; requestStatus: string; expiresAt: string | null }
  | { status: "error"; message: string };

/** The confirmed POST of an approve-by-email link; the link is checked again and used up here. */
export async function confirmEmailAction(token: string, previous: EmailActionState, form: FormData): Promise<EmailActionState> {
  void previous;
  const actor = await optionalPageActor();
  if (!actor) return { status: "error", message: "Your session ended. Sign in again and reopen the link from the email." };
  const reason = form.get("reason");
  try {
    const { action, request } = await performEmailAction({ actor, meta: await actionMeta() }, token, typeof reason === "string" && reason.trim() ? { reason } : {});
    return { status: "done", action, requestId: request.id, requestStatus: request.status, expiresAt: request.expiresAt };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message };
    throw error;
  }
}
