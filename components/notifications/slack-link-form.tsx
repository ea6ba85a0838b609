"use client";

import { useActionState } from "react";
import { CheckCircle2Icon, CircleAlertIcon, Loader2Icon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SlackLinkState } from "@/app/(focus)/slack/link/[token]/actions";

export function SlackLinkForm({ confirm }: { confirm: (previous: SlackLinkState, form: FormData) => Promise<SlackLinkState> }) {
  const [state, formAction, pending] = useActionState(confirm, { status: "idle" });
  if (state.status === "done") {
    return (
      <Alert variant="success">
        <CheckCircle2Icon aria-hidden="true" />
        <AlertTitle>Slack account linked</AlertTitle>
        <AlertDescription>
          You can approve from Slack now, and you will get a DM when your requests are decided. You can close this tab.
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <form action={formAction} className="grid gap-4">
      {state.status === "error" && (
        <Alert variant="destructive" role="alert">
          <CircleAlertIcon aria-hidden="true" />
          <AlertTitle>Not linked</AlertTitle>
          <AlertDescription>{state.message}</AlertDescription>
        </Alert>
      )}
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
        Link my Slack account
      </Button>
    </form>
  );
}
