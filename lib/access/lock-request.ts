import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { loadRequestRow, type RequestRow } from "@/lib/access/request-view";

/**
 * Locks the request row for the rest of the transaction, then reads it. Every
 * transition goes through here, so racing decisions on one request queue up and
 * each sees the state the previous one committed.
 */
export async function lockRequest(tx: Tx, id: string): Promise<RequestRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM access_requests WHERE id = ${id} FOR UPDATE`;
  const row = locked.length ? await loadRequestRow(tx, id) : null;
  if (!row) throw notFound(`No access request with id "${id}".`);
  return row;
}

export function ruleOf(row: RequestRow) {
  return row.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName, minApprovals: g.minApprovals }));
}
