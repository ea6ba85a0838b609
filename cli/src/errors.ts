/** Exit codes (docs/cli.md). Scripts can rely on them. */
export const EXIT = {
  ok: 0,
  /** Access was not granted: the request was rejected, expired undecided, revoked or ended. */
  denied: 1,
  /** Bad command line or input the server refused as invalid (e.g. a bad duration). */
  usage: 2,
  /** Not logged in, or the server refused the API token. */
  auth: 3,
  /** Unknown connection or request. */
  notFound: 4,
  /** The server could not be reached, or failed. */
  unavailable: 5,
  /** Not allowed, or the request is in the wrong state for this action. */
  refused: 6,
  /** Approved, but the credentials could not be created on the target (retry later). */
  provisioningFailed: 7,
  /** Interrupted with Ctrl-C; a pending request stays pending. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error meant for people: one line, and the exit code that goes with it. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
