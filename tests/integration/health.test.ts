import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

describe("integration database", () => {
  it("answers queries through the app's Prisma client", async () => {
    const rows = await db().$queryRaw<{ one: number }[]>`SELECT 1::int AS one`;
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("keeps the audit trail append-only", async () => {
    const event = await db().auditEvent.create({
      data: { action: "test.harness", targetType: "test", targetId: "health" },
    });
    await expect(
      db().auditEvent.update({ where: { id: event.id }, data: { action: "test.tampered" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    const stored = await db().auditEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored.action).toBe("test.harness");
  });
});
