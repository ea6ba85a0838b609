"use client";

import { useActionState } from "react";
import Link from "next/link";
import { CheckCircle2Icon, CircleAlertIcon, Loader2Icon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { EmailActionState } from "@/app/(focus)/email-actions/[token]/actions";

type Props = {
  action: "approve" | "reject";
  requestId: string;
  confirm: (previous: EmailActionState, form: FormData) => Promise<EmailActionState>;
};

/** The one button that acts: a POST through a server action, never the GET that showed the page. */
export function EmailActionForm({ action, requestId, confirm }: Props) {
  const [state, formAction, pending] = useActionState(confirm, { status: "idle" });
  if (state.status === "done") {
    const approvedNow = state.requestStatus === "APPROVED";
    return (
      <Alert variant="success">
        <CheckCircle2Icon aria-hidden="true" />
        <AlertTitle>{state.action === "approve" ? "Approved" : "Rejected"}</AlertTitle>
        <AlertDescription>
          <p>
            {state.action === "reject"
              ? "The request is rejected and the requester has been told."
              : approvedNow
                ? `The request is approved; access lasts until ${state.expiresAt ? new Date(state.expiresAt).toLocaleString() : "its end"}.`
                : "Your approval is recorded. The request still waits for other approval groups."}
          </p>
          <Link href={`/requests/${state.requestId}`} className="font-medium underline underline-offset-4">
            Open the request
          </Link>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <form action={formAction} className="grid gap-4">
      {action === "reject" && (
        <div className="grid gap-2">
          <Label htmlFor="reason">Reason (optional, shown to the requester)</Label>
          <Textarea id="reason" name="reason" maxLength={2000} rows={3} />
        </div>
      )}
      {state.status === "error" && (
        <Alert variant="destructive" role="alert">
          <CircleAlertIcon aria-hidden="true" />
          <AlertTitle>Nothing was changed</AlertTitle>
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={action === "approve" ? "default" : "destructive"} disabled={pending}>
          {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
          {action === "approve" ? "Confirm approval" : "Confirm rejection"}
        </Button>
        <Button asChild variant="outline">
          <Link href={`/requests/${requestId}`}>Open the request instead</Link>
        </Button>
      </div>
    </form>
  );
}
