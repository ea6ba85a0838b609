"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { DEMO_PROVIDER_ID, enabledProviders, signIn } from "@/lib/auth/auth";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/safe-redirect";

const EMAIL_PROVIDER_ID = "resend";

function fail(code: string): never {
  redirect(`/signin?error=${encodeURIComponent(code)}`);
}

async function signInOrShowError(providerId: string, options: Record<string, unknown>): Promise<void> {
  try {
    await signIn(providerId, options);
  } catch (error) {
    // On success signIn redirects by throwing; only Auth.js errors become a message on the page.
    if (error instanceof AuthError) fail(error.type);
    throw error;
  }
}

const emailField = z.string().trim().toLowerCase().pipe(z.email());

/** Demo mode: become the chosen seeded user, no password. */
export async function demoSignInAction(formData: FormData): Promise<void> {
  if (!env().TIMEBOX_DEMO) fail("AccessDenied");
  const email = emailField.safeParse(formData.get("email"));
  if (!email.success) fail("CredentialsSignin");
  await signInOrShowError(DEMO_PROVIDER_ID, { email: email.data, redirectTo: safeRedirectPath(formData.get("redirectTo")) });
}

/** Sends a magic link; Auth.js then shows the "check your email" state. */
export async function emailSignInAction(formData: FormData): Promise<void> {
  if (!enabledProviders().some((p) => p.id === EMAIL_PROVIDER_ID)) fail("Configuration");
  const email = emailField.safeParse(formData.get("email"));
  if (!email.success) fail("InvalidEmail");
  await signInOrShowError(EMAIL_PROVIDER_ID, { email: email.data, redirectTo: safeRedirectPath(formData.get("redirectTo")) });
}

/** OIDC, GitHub or Google: redirects to the identity provider. */
export async function providerSignInAction(formData: FormData): Promise<void> {
  const id = formData.get("provider");
  const redirectable = enabledProviders().some((p) => p.id === id && p.id !== DEMO_PROVIDER_ID && p.id !== EMAIL_PROVIDER_ID);
  if (typeof id !== "string" || !redirectable) fail("Configuration");
  await signInOrShowError(id, { redirectTo: safeRedirectPath(formData.get("redirectTo")) });
}
