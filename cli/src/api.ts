import { CliError, EXIT } from "./errors.js";
import type { Config } from "./config.js";

type ErrorBody = { error?: { code?: string; message?: string; details?: Record<string, unknown> } };

const USER_AGENT = "timebox-cli/1";

/** Why a fetch failed, in a few words (connection refused, no such host, timed out…). */
function networkReason(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError") return "timed out";
  const code = e.cause?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ENOTFOUND: "no such host",
    EAI_AGAIN: "no such host",
    ECONNRESET: "connection reset",
    ETIMEDOUT: "timed out",
    EHOSTUNREACH: "host unreachable",
    CERT_HAS_EXPIRED: "its TLS certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  };
  return (code && known[code]) || code || e.cause?.message || (error as Error).message || "unknown error";
}

export class Api {
  constructor(readonly server: Pick<Config, "url" | "token">) {}

  pageUrl(path: string): string {
    return `${this.server.url}${path}`;
  }

  async request<T>(method: string, path: string, opts: { body?: unknown; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<T> {
    const url = `${this.server.url}${path}`;
    const signals = [AbortSignal.timeout(opts.timeoutMs ?? 30_000), ...(opts.signal ? [opts.signal] : [])];
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.server.token}`,
          accept: "application/json",
          "user-agent": USER_AGENT,
          ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (opts.signal?.aborted) throw error;
      throw new CliError(`Cannot reach Timebox at ${this.server.url} (${networkReason(error)}).`, EXIT.unavailable, { network: true });
    }
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new CliError(
        `${this.server.url} did not answer like a Timebox server (HTTP ${response.status}, ${response.headers.get("content-type") ?? "no content type"}).`,
        EXIT.unavailable,
      );
    }
    if (response.ok) return body as T;
    const error = (body as ErrorBody).error;
    const message = error?.message ?? `HTTP ${response.status}`;
    switch (response.status) {
      case 401:
        throw new CliError(`The server refused the API token (${message.replace(/\.$/, "")}); run "timebox login" with a valid token.`, EXIT.auth);
      case 400:
      case 413:
      case 415:
        throw new CliError(message, EXIT.usage, error?.details);
      case 403:
      case 409:
        throw new CliError(message, EXIT.refused, { ...error?.details, status: response.status });
      case 404:
        throw new CliError(message, EXIT.notFound);
      default:
        throw new CliError(`The server failed (HTTP ${response.status}): ${message}`, EXIT.unavailable, { network: response.status >= 502 });
    }
  }
}
