import { db, type Tx } from "@/lib/db";

const PAGE = 5_000;

export type ChainVerdict =
  | { ok: true; checked: number; lastId: string | null }
  | { ok: false; checked: number; firstBrokenId: string; at: string; action: string };

type Row = { id: bigint; hash: string | null; expected: string; at: Date; action: string };

/**
 * Recomputes the audit hash chain in id order, page by page, and reports the first
 * event whose stored hash does not follow from its content and its predecessor: an
 * edited, inserted or deleted event breaks the chain there.
 */
export async function verifyAuditChain(client: Tx = db()): Promise<ChainVerdict> {
  let checked = 0;
  let afterId = BigInt(0);
  let previousHash: string | null = null;
  for (;;) {
    const rows: Row[] = await client.$queryRaw<Row[]>`
      SELECT id, hash, at, action,
        audit_event_hash(
          CASE WHEN row_number() OVER (ORDER BY id) = 1 THEN ${previousHash}::text ELSE lag(hash) OVER (ORDER BY id) END,
          e) AS expected
      FROM audit_events e
      WHERE id > ${afterId}
      ORDER BY id
      LIMIT ${PAGE}`;
    for (const row of rows) {
      if (row.hash !== row.expected) {
        return { ok: false, checked, firstBrokenId: row.id.toString(), at: row.at.toISOString(), action: row.action };
      }
      checked++;
    }
    if (rows.length < PAGE) {
      return { ok: true, checked, lastId: rows.at(-1)?.id.toString() ?? (afterId ? afterId.toString() : null) };
    }
    afterId = rows.at(-1)!.id;
    previousHash = rows.at(-1)!.hash;
  }
}
