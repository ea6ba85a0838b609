/**
 * Calls the App Router route handlers in-process, exactly as Next.js would:
 * a web Request in, a Response out, with the dynamic params as a promise.
 */
import * as accessRequests from "@/app/api/v1/access-requests/route";
import * as accessRequest from "@/app/api/v1/access-requests/[id]/route";
import * as approve from "@/app/api/v1/access-requests/[id]/approve/route";
import * as reject from "@/app/api/v1/access-requests/[id]/reject/route";
import * as revoke from "@/app/api/v1/access-requests/[id]/revoke/route";
import * as forceApprove from "@/app/api/v1/access-requests/[id]/force-approve/route";
import * as connections from "@/app/api/v1/connections/route";
import * as connection from "@/app/api/v1/connections/[name]/route";
import * as connectionAccess from "@/app/api/v1/connections/[name]/access/route";
import * as users from "@/app/api/v1/users/route";
import * as userTokens from "@/app/api/v1/users/[id]/tokens/route";
import * as groups from "@/app/api/v1/groups/route";
import * as groupMembers from "@/app/api/v1/groups/[name]/members/route";
import * as groupMember from "@/app/api/v1/groups/[name]/members/[email]/route";
import * as audit from "@/app/api/v1/audit/route";
import * as me from "@/app/api/v1/me/route";
import * as reviews from "@/app/api/v1/reviews/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as cronExpire from "@/app/api/cron/expire/route";
import * as auditExport from "@/app/api/v1/audit/export/route";
import * as auditVerify from "@/app/api/v1/audit/verify/route";
import * as insights from "@/app/api/v1/insights/route";
import * as requestWait from "@/app/api/v1/access-requests/[id]/wait/route";
import * as requestGrant from "@/app/api/v1/access-requests/[id]/grant/route";
import * as requestGrantRetry from "@/app/api/v1/access-requests/[id]/grant/retry/route";
import * as requestCredentials from "@/app/api/v1/access-requests/[id]/credentials/route";
import * as connectionProvisioner from "@/app/api/v1/connections/[name]/provisioner/route";
import * as connectionProvisionerTest from "@/app/api/v1/connections/[name]/provisioner/test/route";
import * as grants from "@/app/api/v1/grants/route";
import * as extend from "@/app/api/v1/access-requests/[id]/extend/route";
import * as release from "@/app/api/v1/access-requests/[id]/release/route";
import * as emergencyReviews from "@/app/api/v1/reviews/emergency/route";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;
type Module = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

const routes: [RegExp, Module][] = [
  [/^\/api\/v1\/access-requests$/, accessRequests],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)$/, accessRequest],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/approve$/, approve],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/reject$/, reject],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/revoke$/, revoke],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/force-approve$/, forceApprove],
  [/^\/api\/v1\/connections$/, connections],
  [/^\/api\/v1\/connections\/(?<name>[^/]+)$/, connection],
  [/^\/api\/v1\/connections\/(?<name>[^/]+)\/access$/, connectionAccess],
  [/^\/api\/v1\/users$/, users],
  [/^\/api\/v1\/users\/(?<id>[^/]+)\/tokens$/, userTokens],
  [/^\/api\/v1\/groups$/, groups],
  [/^\/api\/v1\/groups\/(?<name>[^/]+)\/members$/, groupMembers],
  [/^\/api\/v1\/groups\/(?<name>[^/]+)\/members\/(?<email>[^/]+)$/, groupMember],
  [/^\/api\/v1\/audit$/, audit],
  [/^\/api\/v1\/me$/, me],
  [/^\/api\/v1\/reviews$/, reviews],
  [/^\/api\/v1\/tokens$/, tokens],
  [/^\/api\/v1\/tokens\/(?<id>[^/]+)$/, token],
  [/^\/api\/v1\/openapi\.json$/, openapi],
  [/^\/api\/cron\/expire$/, cronExpire],
  [/^\/api\/v1\/audit\/export$/, auditExport],
  [/^\/api\/v1\/audit\/verify$/, auditVerify],
  [/^\/api\/v1\/insights$/, insights],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/wait$/, requestWait],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/grant$/, requestGrant],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/grant\/retry$/, requestGrantRetry],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/credentials$/, requestCredentials],
  [/^\/api\/v1\/connections\/(?<name>[^/]+)\/provisioner$/, connectionProvisioner],
  [/^\/api\/v1\/connections\/(?<name>[^/]+)\/provisioner\/test$/, connectionProvisionerTest],
  [/^\/api\/v1\/grants$/, grants],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/extend$/, extend],
  [/^\/api\/v1\/access-requests\/(?<id>[^/]+)\/release$/, release],
  [/^\/api\/v1\/reviews\/emergency$/, emergencyReviews],
];

export type ApiResult = { status: number; body: Record<string, unknown> & { error?: { code: string; message: string } } };

export async function call(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResult> {
  const { pathname } = new URL(url, "http://localhost");
  for (const [pattern, module] of routes) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const handler = module[method];
    if (!handler) throw new Error(`${method} ${pathname} has no handler`);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    const response = await handler(new Request(new URL(url, "http://localhost"), { method, headers, body }), { params: Promise.resolve(params) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }
  throw new Error(`no route for ${pathname}`);
}
