import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { readRawBody } from "@/lib/http/read-raw-body";
import { parseJson } from "@/lib/http/parse-json";
import { requireApiActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/permissions";
import type { ActionContext, RequestMeta } from "@/lib/access/context";
import { zodMessage } from "@/lib/validation";

export const MAX_BODY_BYTES = 64 * 1024;

export type ApiContext<P> = {
  request: Request;
  params: P;
  meta: RequestMeta;
  actor: () => Promise<Actor>;
  /** The signed-in actor with where the call came from, for domain actions. */
  context: () => Promise<ActionContext>;
  /** The JSON body, size-limited; the domain function validates it. */
  body: () => Promise<unknown>;
  searchParams: () => Record<string, string>;
};

export function json(data: unknown, status = 200): NextResponse {
  return NextResponse.json(data, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) return json(error.toJSON(), error.status);
  if (error instanceof ZodError) return json(new AppError("invalid_input", zodMessage(error)).toJSON(), 400);
  const unstorable = unstorableInput(error);
  if (unstorable) return json(new AppError("invalid_input", unstorable).toJSON(), 400);
  if (isDatabaseUnavailable(error)) {
    return json(new AppError("unavailable", "The database is unreachable; try again shortly.").toJSON(), 503);
  }
  console.error("Unhandled API error", error);
  return json({ error: { code: "internal", message: "Something went wrong on our side." } }, 500);
}

function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  // 57P01-57P03: the server is shutting down, restarting or starting up. Raw queries report
  // P1001/P1017 as P2010 with the message only. "is not queryable": a statement sent on a
  // connection that just died (pg refuses it before it reaches the network).
  return /ECONNREFUSED|ECONNRESET|Connection terminated|is not queryable|timeout exceeded when trying to connect|DatabaseNotReachable|P1001|P1017|Can't reach database server|Server has closed the connection|57P0[123]|terminating connection due to administrator command|the database system is (shutting down|starting up|in recovery mode)/i.test(
    text,
  );
}

/**
 * Text the database cannot store: bad input, not a server fault. PostgreSQL refuses U+0000
 * (SQLSTATE 22021); a lone UTF-16 surrogate bound for a Json column is refused by Prisma's
 * JSON serializer or PostgreSQL's jsonb. readBody() refuses lone surrogates up front; this
 * is the net for input that reached a query some other way.
 */
function unstorableInput(error: unknown): string | null {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  if (/22021|invalid byte sequence for encoding "UTF8": 0x00/i.test(text)) return "The input contains a NUL character, which cannot be stored.";
  if (/lone (leading|trailing) surrogate|unexpected end of hex escape|Unicode (low|high) surrogate must/i.test(text)) {
    return "The input contains a lone UTF-16 surrogate, which is not valid text.";
  }
  return null;
}

export async function readBody(request: Request): Promise<unknown> {
  const text = await readRawBody(request, MAX_BODY_BYTES);
  if (text.trim() === "") return {};
  const type = request.headers.get("content-type") ?? "application/json";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  return parseJson(text);
}

export function requestMeta(request: Request): RequestMeta {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || request.headers.get("x-real-ip") || undefined,
    userAgent: request.headers.get("user-agent")?.slice(0, 512) || undefined,
  };
}

/** Wraps a route handler: typed params, lazy auth, size-limited JSON bodies, one error shape. */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const params = (await context?.params) ?? ({} as P);
      let actor: Promise<Actor> | undefined;
      const meta = requestMeta(request);
      const getActor = () => (actor ??= requireApiActor(request));
      return await handler({
        request,
        params,
        meta,
        actor: getActor,
        context: async () => ({ actor: await getActor(), meta }),
        body: () => readBody(request),
        searchParams: () => Object.fromEntries(new URL(request.url).searchParams),
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
