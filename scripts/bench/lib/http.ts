/** HTTP helpers for talking to a running Timebox over loopback. */

export type Session = { cookie: string; email: string };

function cookiesFrom(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

function mergeCookies(...lists: string[][]): string {
  const jar = new Map<string, string>();
  for (const list of lists) for (const c of list) jar.set(c.slice(0, c.indexOf("=")), c);
  return [...jar.values()].join("; ");
}

/**
 * Signs in through Auth.js's demo credentials provider (TIMEBOX_DEMO=1): the CSRF token
 * first, then the callback with it, keeping the cookies the way a browser would.
 */
export async function demoSignIn(baseUrl: string, email: string): Promise<Session> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = cookiesFrom(csrfResponse);
  const callback = await fetch(`${baseUrl}/api/auth/callback/demo`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: mergeCookies(csrfCookies) },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: `${baseUrl}/` }),
    redirect: "manual",
  });
  await callback.arrayBuffer();
  const cookie = mergeCookies(csrfCookies, cookiesFrom(callback));
  if (!/session-token=/.test(cookie)) throw new Error(`demo sign-in as ${email} failed: HTTP ${callback.status}, cookies ${cookie || "none"}`);
  return { cookie, email };
}

export type Caller = { token?: string; cookie?: string };

export function headersFor(caller: Caller, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(caller.token ? { Authorization: `Bearer ${caller.token}` } : {}),
    ...(caller.cookie ? { Cookie: caller.cookie } : {}),
    ...extra,
  };
}

export type JsonResponse<T = unknown> = { status: number; body: T; ms: number };

/** One JSON call; the time includes reading the whole body. */
export async function api<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any -- callers type what they read
  baseUrl: string,
  method: string,
  path: string,
  caller: Caller,
  body?: unknown,
): Promise<JsonResponse<T>> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: headersFor(caller, body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const ms = performance.now() - start;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, ms };
}

/** GET a page or endpoint and read the whole body; returns status and milliseconds. */
export async function timedGet(url: string, headers: Record<string, string>): Promise<{ status: number; ms: number; bytes: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  const buffer = await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - start, bytes: buffer.byteLength };
}
