import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Resend from "next-auth/providers/resend";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sendEmail } from "@/lib/email/send-email";
import { magicLinkEmail } from "@/lib/email/magic-link-email";

export const DEMO_PROVIDER_ID = "demo";

function providers(): Provider[] {
  const e = env();
  const list: Provider[] = [];
  if (e.AUTH_RESEND_KEY) {
    const apiKey = e.AUTH_RESEND_KEY;
    list.push(
      Resend({
        apiKey,
        from: e.AUTH_EMAIL_FROM,
        sendVerificationRequest: async ({ identifier, url, provider }) => {
          await sendEmail(apiKey, { to: identifier, from: String(provider.from), ...magicLinkEmail(url) });
        },
      }),
    );
  }
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: e.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: e.AUTH_OIDC_ISSUER,
      clientId: e.AUTH_OIDC_ID,
      clientSecret: e.AUTH_OIDC_SECRET,
    });
  }
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  }
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    list.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  }
  if (e.TIMEBOX_DEMO) {
    list.push(
      Credentials({
        id: DEMO_PROVIDER_ID,
        name: "Demo user",
        credentials: { email: { label: "Email", type: "email" } },
        // Demo mode only: sign in as any seeded user, no password.
        authorize: async (credentials) => {
          if (!env().TIMEBOX_DEMO || typeof credentials?.email !== "string") return null;
          const user = await db().user.findUnique({ where: { email: credentials.email } });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }
  return list;
}

function config(): NextAuthConfig {
  const e = env();
  return {
    adapter: PrismaAdapter(db() as never),
    secret: e.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", verifyRequest: "/signin?check-email=1", error: "/signin" },
    providers: providers(),
    callbacks: {
      session: ({ session, token }) => {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

/** The ids of the sign-in methods this deployment offers, for the sign-in page. */
export function enabledProviders(): { id: string; name: string }[] {
  return providers().map((p) => {
    const provider = typeof p === "function" ? p() : p;
    // Provider factories keep the id we pass in `options`; their top-level id is the default.
    const options = (provider as { options?: { id?: string; name?: string } }).options;
    return { id: options?.id ?? provider.id, name: options?.name ?? provider.name };
  });
}
