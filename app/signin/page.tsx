import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CircleAlertIcon, FlaskConicalIcon, MailCheckIcon } from "lucide-react";
import { Brand } from "@/components/brand";
import { ThemeToggle } from "@/components/theme-toggle";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DemoUserPicker, type DemoUser } from "@/components/signin/demo-user-picker";
import { EmailSignInForm } from "@/components/signin/email-sign-in-form";
import { ProviderButtons } from "@/components/signin/provider-buttons";
import { DEMO_PROVIDER_ID, enabledProviders } from "@/lib/auth/auth";
import { optionalPageActor } from "@/lib/auth/current-actor";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { demoSignInAction, emailSignInAction, providerSignInAction } from "./actions";
import { signInErrorMessage } from "./error-message";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function demoUsers(): Promise<DemoUser[]> {
  const users = await db().user.findMany({
    orderBy: [{ createdAt: "asc" }, { email: "asc" }],
    take: 100,
    select: { email: true, name: true, memberships: { select: { group: { select: { name: true } } } } },
  });
  return users.map((u) => ({ email: u.email, name: u.name, groupNames: u.memberships.map((m) => m.group.name).sort() }));
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const error = first(params.error);
  // Auth.js appends its own query to the verify-request URL, so only the key's presence counts.
  const checkEmail = params["check-email"] !== undefined;
  const redirectTo = safeRedirectPath(first(params.callbackUrl));
  if (!error && !checkEmail && (await optionalPageActor())) redirect(redirectTo);

  const demo = env().TIMEBOX_DEMO;
  // The demo provider has its own picker below.
  const providers = enabledProviders().filter((p) => p.id !== DEMO_PROVIDER_ID);
  const emailProvider = providers.some((p) => p.id === "resend");
  const redirecting = providers.filter((p) => p.id !== "resend");
  const users = demo ? await demoUsers() : [];

  return (
    <div className="relative flex min-h-dvh flex-col bg-muted/40 dark:bg-background">
      <div className="absolute top-3 right-3">
        <ThemeToggle />
      </div>
      <main className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center gap-6 px-4 py-12">
        <header className="flex flex-col items-center gap-3 text-center">
          <Brand size="lg" />
          <p className="max-w-sm text-balance text-sm text-muted-foreground">
            Just-in-time access to production: ask for a connection, get it approved, and it expires on its own.
          </p>
        </header>

        {error && (
          <Alert variant="destructive" role="alert">
            <CircleAlertIcon aria-hidden="true" />
            <AlertTitle>Could not sign you in</AlertTitle>
            <AlertDescription>{signInErrorMessage(error)}</AlertDescription>
          </Alert>
        )}

        {checkEmail && (
          <Alert variant="success">
            <MailCheckIcon aria-hidden="true" />
            <AlertTitle>Check your email</AlertTitle>
            <AlertDescription>
              We sent you a sign-in link. It works once and expires soon; you can close this tab.
            </AlertDescription>
          </Alert>
        )}

        {demo && (
          <Card className="gap-4 overflow-hidden pb-0 shadow-sm">
            <CardHeader>
              <CardTitle>Sign in as</CardTitle>
              <CardDescription>Demo mode: pick a person to see Timebox through their eyes. No password.</CardDescription>
              <CardAction>
                <Badge variant="warning">
                  <FlaskConicalIcon aria-hidden="true" />
                  Demo
                </Badge>
              </CardAction>
            </CardHeader>
            <CardContent className="px-0">
              <DemoUserPicker users={users} redirectTo={redirectTo} action={demoSignInAction} />
            </CardContent>
          </Card>
        )}

        {(emailProvider || redirecting.length > 0) && (
          <Card className="gap-4 shadow-sm">
            <CardHeader>
              <CardTitle>{demo ? "Or sign in with your account" : "Sign in"}</CardTitle>
              <CardDescription>Use your company identity.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {emailProvider && <EmailSignInForm redirectTo={redirectTo} action={emailSignInAction} />}
              {emailProvider && redirecting.length > 0 && <OrDivider />}
              {redirecting.length > 0 && (
                <ProviderButtons providers={redirecting} redirectTo={redirectTo} action={providerSignInAction} />
              )}
            </CardContent>
          </Card>
        )}

        {!demo && providers.length === 0 && (
          <Alert>
            <CircleAlertIcon aria-hidden="true" />
            <AlertTitle>No sign-in method is configured</AlertTitle>
            <AlertDescription>
              Set AUTH_RESEND_KEY, AUTH_OIDC_*, AUTH_GITHUB_* or AUTH_GOOGLE_* on the server, or run with TIMEBOX_DEMO=1.
            </AlertDescription>
          </Alert>
        )}
      </main>
    </div>
  );
}

function OrDivider() {
  return (
    <div className="flex items-center gap-3 text-xs text-muted-foreground uppercase" role="separator" aria-label="or">
      <span className="h-px flex-1 bg-border" />
      or
      <span className="h-px flex-1 bg-border" />
    </div>
  );
}
