import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CircleAlertIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SlackLinkForm } from "@/components/notifications/slack-link-form";
import { optionalPageActor } from "@/lib/auth/current-actor";
import { checkSlackLink } from "@/lib/slack/link-account";
import { confirmSlackLink } from "./actions";

export const metadata: Metadata = { title: "Link Slack", referrer: "no-referrer", robots: { index: false } };

/**
 * GET shows whose Slack account would be linked to whom; only the confirmation links.
 * (A link forwarded to someone else would otherwise let its sender act as them.)
 */
export default async function SlackLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await optionalPageActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/slack/link/${token}`)}`);
  const check = await checkSlackLink(actor, token);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Link your Slack account</CardTitle>
        <CardDescription>Signed in to Timebox as {actor.email}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {check.ok ? (
          <>
            <p className="text-sm">
              Slack user <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs">{check.slackUserId}</code> will act as{" "}
              <strong>{actor.email}</strong> when it presses Approve or Reject in Slack.
              {check.alreadyLinkedTo && check.alreadyLinkedTo !== check.slackUserId && (
                <> This replaces the Slack account linked now ({check.alreadyLinkedTo}).</>
              )}{" "}
              Only continue if you ran <code className="font-mono text-xs">/timebox subscribe</code> yourself.
            </p>
            <SlackLinkForm confirm={confirmSlackLink.bind(null, token)} />
          </>
        ) : (
          <Alert variant="destructive" role="alert">
            <CircleAlertIcon aria-hidden="true" />
            <AlertTitle>This link cannot be used</AlertTitle>
            <AlertDescription>{check.message}</AlertDescription>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
