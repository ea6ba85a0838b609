import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CircleAlertIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmailActionForm } from "@/components/notifications/email-action-form";
import { RequestFacts } from "@/components/notifications/request-facts";
import { optionalPageActor } from "@/lib/auth/current-actor";
import { checkEmailAction } from "@/lib/email/email-actions";
import { confirmEmailAction } from "./actions";

// The token is in the URL: keep it out of Referer headers.
export const metadata: Metadata = { title: "Confirm", referrer: "no-referrer", robots: { index: false } };

/** GET: shows what the link would do for the signed-in approver. It never acts. */
export default async function EmailActionPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await optionalPageActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`/email-actions/${token}`)}`);
  const check = await checkEmailAction(actor, token);
  if (!check.ok) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>This link cannot be used</CardTitle>
          <CardDescription>Signed in as {actor.email}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <Alert variant="destructive" role="alert" data-testid="email-action-refused">
            <CircleAlertIcon aria-hidden="true" />
            <AlertTitle>Nothing was changed</AlertTitle>
            <AlertDescription>{check.message}</AlertDescription>
          </Alert>
          {check.requestId && check.code !== "wrong_user" && check.code !== "invalid" && (
            <Button asChild variant="outline" className="justify-self-start">
              <Link href={`/requests/${check.requestId}`}>Open the request</Link>
            </Button>
          )}
        </CardContent>
      </Card>
    );
  }
  const r = check.request;
  const verb = check.action === "approve" ? "Approve" : "Reject";
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          {verb} {r.requester.name ?? r.requester.email}&rsquo;s request?
        </CardTitle>
        <CardDescription>
          You are signed in as {actor.email}. Nothing happens until you confirm.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <RequestFacts
          facts={[
            { label: "Requester", value: `${r.requester.name ?? ""} (${r.requester.email})` },
            { label: "Connection", value: r.connection },
            { label: "Duration", value: r.duration },
            { label: "Reason", value: r.reason || "none given" },
            { label: "Approvals", value: r.groups.map((g) => `${g.name}: ${g.satisfied ? "done" : `${g.approvals.length}/${g.minApprovals}`}`).join(" · ") || "none needed" },
          ]}
        />
        <EmailActionForm action={check.action} requestId={r.id} confirm={confirmEmailAction.bind(null, token)} />
      </CardContent>
    </Card>
  );
}
