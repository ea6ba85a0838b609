import { db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { canView } from "@/lib/permissions";
import type { Actor } from "@/lib/permissions";
import { loadRequestEvents, loadRequestRow, toRequestView, type AccessRequestView } from "@/lib/access/request-view";
import { ruleOf } from "@/lib/access/lock-request";

/** A request with its timeline, for its requester, its approvers and admins. Others get 404: existence is not leaked. */
export async function getRequest(actor: Actor, id: string, now = new Date(), client: Tx = db()): Promise<AccessRequestView> {
  const row = await loadRequestRow(client, id);
  if (!row || !canView(actor, row.requesterId, ruleOf(row))) throw notFound(`No access request with id "${id}".`);
  return toRequestView(row, now, await loadRequestEvents(client, id));
}
