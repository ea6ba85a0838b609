import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { ADMIN_GROUP } from "@/lib/permissions";
import { call } from "../integration/api-client";
import { makeUser, tokenFor } from "../integration/factories";

// Needs the admin group to itself for a moment, so it lives in tests/serial: only the PGlite
// project runs it, and that project runs its files one at a time.
it("keeps the last admin", async () => {
  const last = await makeUser({ admin: true });
  const adminGroup = await db().group.findUniqueOrThrow({ where: { name: ADMIN_GROUP } });
  const others = await db().groupMember.findMany({ where: { groupId: adminGroup.id, userId: { not: last.id } } });
  await db().groupMember.deleteMany({ where: { groupId: adminGroup.id, userId: { not: last.id } } });
  try {
    const res = await call("DELETE", `/api/v1/groups/${ADMIN_GROUP}/members/${encodeURIComponent(last.email)}`, { token: await tokenFor(last) });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toContain("last admin");
    expect(await db().groupMember.count({ where: { groupId: adminGroup.id } })).toBe(1);
  } finally {
    await db().groupMember.createMany({ data: others.map((m) => ({ groupId: m.groupId, userId: m.userId })), skipDuplicates: true });
  }
});
