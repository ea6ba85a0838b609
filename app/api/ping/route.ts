/**
 * GET /api/ping: a liveness probe that touches nothing (no database, no auth). It is also the
 * baseline of benchmark B1: the cost of a route handler in this build with no work to do.
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response('{"status":"ok"}', { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}
