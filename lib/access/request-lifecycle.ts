import type { Db, Tx } from "@/lib/db";
import type { Actor } from "@/lib/permissions";
import { lifecycleActions, type LifecycleActions } from "@/lib/access/lifecycle-actions";
import { isGrantLive, requestInclude, toRequestView, type AccessRequestView, type RequestRow } from "@/lib/access/request-view";

/** The grant an extension request is for, as the extension's page links back to it. */
export type ExtendedGrant = { id: string; status: string; active: boolean; expiresAt: string | null };

/** What a request page needs beyond the request itself for issue 7's lifecycle. */
export type RequestLifecycle = {
  lifecycle: LifecycleActions;
  /** Requests for more time on this grant, oldest first (empty for an extension itself). */
  extensions: AccessRequestView[];
  /** For an extension request: the grant it extends. */
  extendsGrant: ExtendedGrant | null;
};

/** Extensions per grant are few (one pending at a time, each within the cap); this bounds the list anyway. */
const EXTENSIONS_SHOWN = 50;

/** Two small queries (the connection's caps, the extensions or the extended grant) beside the request's own. */
export async function loadRequestLifecycle(client: Db | Tx, actor: Actor, row: RequestRow, now = new Date()): Promise<RequestLifecycle> {
  const [connection, extensions, grant] = await Promise.all([
    client.connection.findUniqueOrThrow({ where: { id: row.connectionId }, select: { maxTotalSeconds: true, maxDurationSeconds: true } }),
    row.extendsRequestId
      ? Promise.resolve([])
      : client.accessRequest.findMany({
          where: { extendsRequestId: row.id },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: EXTENSIONS_SHOWN,
          include: requestInclude,
        }),
    row.extendsRequestId
      ? client.accessRequest.findUnique({
          where: { id: row.extendsRequestId },
          select: { id: true, status: true, expiresAt: true, startsAt: true, extendsRequestId: true },
        })
      : Promise.resolve(null),
  ]);
  const rule = row.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals }));
  return {
    lifecycle: lifecycleActions(actor, { ...row, groups: rule }, connection, now),
    extensions: extensions.map((e) => toRequestView(e, now)),
    extendsGrant: grant
      ? { id: grant.id, status: grant.status, active: isGrantLive(grant, now), expiresAt: grant.expiresAt?.toISOString() ?? null }
      : null,
  };
}
