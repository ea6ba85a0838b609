import { badTokenError, bearerToken, requireApiActor } from "@/lib/auth/current-actor";
import { checkAccess, checkTokenAccess, type AccessDecision } from "@/lib/access/check-access";

/**
 * GET /api/v1/connections/{name}/access: a bearer token is checked together with its access
 * in one statement; a browser session is loaded first. A bad bearer token never falls back to
 * the session, and denies exactly as every other API route does.
 */
export async function checkRequestAccess(request: Request, connectionName: string, forEmail?: string, now = new Date()): Promise<AccessDecision> {
  const token = bearerToken(request);
  if (token === undefined) return checkAccess(await requireApiActor(request), connectionName, forEmail, now);
  const decision = token ? await checkTokenAccess(token, connectionName, forEmail, now) : null;
  if (!decision) throw badTokenError();
  return decision;
}
