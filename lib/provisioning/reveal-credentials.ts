import { inTransaction } from "@/lib/db";
import { conflict, forbidden } from "@/lib/errors";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { grantPasswordPurpose } from "@/lib/provisioning/provisioner-secrets";
import { loadVisibleGrant } from "@/lib/provisioning/grant-view";
import { isGrantLive } from "@/lib/access/request-view";

export type ConnectionDetails = {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  sslMode: string | null;
  /** postgresql://user:password@host:port/database */
  url: string;
  /** A ready command line: psql "<url>" */
  psql: string;
  expiresAt: string;
};

/**
 * The one place a grant's password leaves Timebox: to its requester, while the grant is
 * active. Every reveal is audited (who, when, from where). Admins and approvers get 403:
 * they can see that the login exists, not use it.
 */
export async function revealCredentials(ctx: ActionContext, requestId: string): Promise<ConnectionDetails> {
  const now = ctx.now ?? new Date();
  const { row, grant } = await loadVisibleGrant(ctx.actor, requestId);
  if (row.requesterId !== ctx.actor.id) throw forbidden("Only the requester can reveal the connection details of a grant.");
  if (!isGrantLive(row, now)) {
    const why = row.status !== "APPROVED" ? row.status : row.startsAt && row.startsAt > now ? `not started yet (it starts at ${row.startsAt.toISOString()})` : "expired";
    throw conflict(`The grant is ${why}; connection details are only available while it is active.`, { status: row.status });
  }
  if (!grant || grant.provisioner !== "postgres") {
    throw conflict(
      `${row.connection.name} is not provisioned by Timebox (${grant?.provisioner ?? "none"}); there are no credentials to reveal.`,
      { provisioner: grant?.provisioner ?? "none" },
    );
  }
  if (grant.status !== "ACTIVE" || !grant.passwordCiphertext) {
    throw conflict(
      grant.status === "FAILED" || grant.lastError
        ? `The database login could not be created: ${grant.lastError ?? "unknown error"}. Retry from the request page.`
        : "The database login is still being created; try again in a moment.",
      { grantStatus: grant.status },
    );
  }
  const password = decryptSecret(grant.passwordCiphertext, grantPasswordPurpose(requestId));
  const user = grant.roleName!;
  const host = grant.host!;
  const port = grant.port ?? 5432;
  const database = grant.database!;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const query = grant.sslMode ? `?sslmode=${encodeURIComponent(grant.sslMode)}` : "";
  const url = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${hostPart}:${port}/${encodeURIComponent(database)}${query}`;
  await inTransaction((tx) =>
    recordEvent(tx, { ...ctx, now }, {
      action: "grant.credentials_revealed",
      targetType: "access_grant",
      targetId: requestId,
      requestId,
      connectionId: row.connectionId,
      data: { role: user },
    }),
  );
  return { host, port, database, user, password, sslMode: grant.sslMode, url, psql: `psql "${url}"`, expiresAt: row.expiresAt!.toISOString() };
}
