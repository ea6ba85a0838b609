import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { loadActor } from "@/lib/auth/load-actor";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { AppError } from "@/lib/errors";

type SessionLike = { user?: { id?: string } } | null;

/** From the request's own cookies (API routes), or from the page's request scope. */
async function sessionActor(request?: Request): Promise<Actor | null> {
  // Auth.js's "API route" form reads the cookies from the request it is given.
  const session = (request ? await auth({ req: request, res: new Response() } as never) : await auth()) as SessionLike;
  const userId = session?.user?.id;
  return userId ? loadActor(db(), userId) : null;
}

/**
 * The bearer token of the request's Authorization header: undefined without the header (a
 * browser session may apply), null when the header is not a bearer token (deny).
 */
export function bearerToken(request: Request): string | null | undefined {
  const header = request.headers.get("authorization");
  if (!header) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
}

export const badTokenError = () => new AppError("unauthenticated", "The API token is missing, malformed, unknown or revoked.");

/** API callers: a bearer token, or else the browser session. A bad bearer token never falls back to the session. */
export async function requireApiActor(request: Request): Promise<Actor> {
  const token = bearerToken(request);
  if (token !== undefined) {
    const actor = token ? await authenticateToken(token) : null;
    if (!actor) throw badTokenError();
    return actor;
  }
  const actor = await sessionActor(request);
  if (!actor) throw new AppError("unauthenticated", "Sign in or send Authorization: Bearer <api token>.");
  return actor;
}

/** Pages: the signed-in actor, or a redirect to sign-in. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect("/signin");
  return actor;
}

export async function optionalPageActor(): Promise<Actor | null> {
  return sessionActor();
}
