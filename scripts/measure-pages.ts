/**
 * Server time of the dashboard's list pages, measured from outside like a browser would ask.
 *
 *   npx tsx scripts/measure-pages.ts --base http://127.0.0.1:3000 --as user0739@load.example --as user0001@load.example
 *
 * The server must run in demo mode (sign-in as any user without a password): `npm start` on a
 * database filled by `npm run seed:large`, with TIMEBOX_DEMO=1. For each user it signs in,
 * warms each page up, then fetches it sequentially --runs times and reports the time to the
 * last byte of the server-rendered HTML (the whole first page, data included) on loopback.
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    base: { type: "string", default: "http://127.0.0.1:3000" },
    as: { type: "string", multiple: true, default: [] },
    runs: { type: "string", default: "30" },
    path: { type: "string", multiple: true, default: ["/reviews", "/requests"] },
  },
});
const base = values.base!.replace(/\/$/, "");
const runs = Number(values.runs);

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Auth.js credentials sign-in for the demo provider: the CSRF token, then the callback. */
async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${base}/api/auth/callback/demo`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: `${base}/requests` }),
    redirect: "manual",
  });
  cookiesOf(callback, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`could not sign in as ${email} (demo mode on?)`);
  return cookieHeader(jar);
}

async function timePage(path: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  if (!html.includes("</html>")) throw new Error(`${path} returned an incomplete document`);
  return elapsed;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  if (values.as!.length === 0) throw new Error("name at least one user with --as");
  console.log(`${base}, ${runs} sequential runs per page after 3 warm-ups; time to the last byte of the HTML, ms`);
  console.log("user".padEnd(28), "page".padEnd(12), "min".padStart(7), "p50".padStart(7), "p95".padStart(7), "max".padStart(7));
  for (const email of values.as!) {
    const cookie = await signIn(email);
    for (const path of values.path!) {
      for (let i = 0; i < 3; i++) await timePage(path, cookie);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await timePage(path, cookie));
      times.sort((a, b) => a - b);
      const f = (n: number) => n.toFixed(1).padStart(7);
      console.log(email.padEnd(28), path.padEnd(12), f(times[0]!), f(pct(times, 50)), f(pct(times, 95)), f(times.at(-1)!));
    }
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
