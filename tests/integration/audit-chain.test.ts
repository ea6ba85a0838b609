import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { as, eventsOf, makeConnection, makeGroup, makeUser } from "./factories";

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back, so a tampered row is never seen by other tests. */
async function inDiscardedTransaction<T>(fn: (tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0]) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await db()
    .$transaction(async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    }, { timeout: 60_000 })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result as T;
}

async function someEvents() {
  const group = await makeGroup();
  const conn = await makeConnection({ groups: [{ group }] });
  const req = await createRequest(as(await makeUser()), { connection: conn.name, reason: "chain me" });
  await approveRequest(as(await makeUser({ groups: [group] })), req.id, { comment: "ok" });
  return eventsOf(req.id);
}

describe("tamper-evident audit chain", () => {
  it("chains every event written by the app", async () => {
    const events = await someEvents();
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ""))).toBe(true);
    const verdict = await verifyAuditChain();
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.checked).toBeGreaterThanOrEqual(events.length);
  });

  it("hashes each event as sha256(previous hash, 0x1e, its fields joined by 0x1f), recomputed here outside the database", async () => {
    const events = await someEvents();
    for (const event of events) {
      const [row] = await db().$queryRaw<{ previous: string | null; data: string }[]>`
        SELECT (SELECT hash FROM audit_events WHERE id < ${event.id} ORDER BY id DESC LIMIT 1) AS previous, data::text AS data
        FROM audit_events WHERE id = ${event.id}`;
      const content = [
        event.id.toString(),
        event.at.toISOString(),
        event.actorId ?? "",
        event.actorEmail ?? "",
        event.action,
        event.requestId ?? "",
        event.connectionId ?? "",
        event.targetType,
        event.targetId,
        row!.data,
        event.ip ?? "",
        event.userAgent ?? "",
      ].join("\x1f");
      expect(event.hash).toBe(createHash("sha256").update(`${row!.previous ?? ""}\x1e${content}`, "utf8").digest("hex"));
    }
  });

  it("verifies the same from a session in another time zone, and the app's sessions run in UTC", async () => {
    await someEvents();
    const [row] = await db().$queryRaw<{ zone: string }[]>`SELECT current_setting('TimeZone') AS zone`;
    expect(row?.zone).toMatch(/^(Etc\/)?UTC$/);
    const verdict = await inDiscardedTransaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL TimeZone = 'Pacific/Chatham'`;
      return verifyAuditChain(tx);
    });
    expect(verdict).toMatchObject({ ok: true });
  });

  it("refuses UPDATE and DELETE of an event outright", async () => {
    const [event] = await someEvents();
    await expect(db().$executeRaw`UPDATE audit_events SET action = 'x' WHERE id = ${event!.id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM audit_events WHERE id = ${event!.id}`).rejects.toThrow(/append-only/);
  });

  it("points at the first broken link when a row is edited directly in the database", async () => {
    const events = await someEvents();
    const target = events[1]!;
    const verdict = await inDiscardedTransaction(async (tx) => {
      await tx.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete");
      await tx.$executeRaw`UPDATE audit_events SET data = '{"comment":"rubber-stamped"}'::jsonb WHERE id = ${target.id}`;
      return verifyAuditChain(tx);
    });
    expect(verdict).toMatchObject({ ok: false, firstBrokenId: target.id.toString(), action: target.action });
  });

  it("detects a deleted event at the one after it", async () => {
    const events = await someEvents();
    const verdict = await inDiscardedTransaction(async (tx) => {
      await tx.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete");
      await tx.$executeRaw`DELETE FROM audit_events WHERE id = ${events[0]!.id}`;
      return verifyAuditChain(tx);
    });
    expect(verdict).toMatchObject({ ok: false });
    expect(BigInt((verdict as { firstBrokenId: string }).firstBrokenId)).toBeGreaterThan(events[0]!.id);
  });
});
