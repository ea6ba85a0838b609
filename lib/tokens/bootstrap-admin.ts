import { inTransaction } from "@/lib/db";
import { ADMIN_GROUP } from "@/lib/permissions";
import { hashToken } from "@/lib/tokens/token-hash";

/**
 * For automation: makes sure a user with this email exists, is an admin, and that
 * the given token authenticates as them. Safe to run on every start.
 */
export async function bootstrapAdmin(email: string, token: string): Promise<void> {
  await inTransaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727002)`;
    const user = await tx.user.upsert({ where: { email }, create: { email, name: "Bootstrap admin" }, update: {} });
    const group = await tx.group.upsert({ where: { name: ADMIN_GROUP }, create: { name: ADMIN_GROUP }, update: {} });
    await tx.groupMember.upsert({
      where: { groupId_userId: { groupId: group.id, userId: user.id } },
      create: { groupId: group.id, userId: user.id },
      update: {},
    });
    const tokenHash = hashToken(token);
    const existing = await tx.apiToken.findUnique({ where: { tokenHash } });
    if (!existing) {
      await tx.apiToken.create({ data: { userId: user.id, name: "bootstrap", tokenHash, prefix: token.slice(0, 10) } });
      await tx.auditEvent.create({ data: { action: "bootstrap.admin_token", targetType: "user", targetId: user.id, data: { email } } });
    } else if (existing.userId !== user.id || existing.revokedAt) {
      await tx.apiToken.update({ where: { tokenHash }, data: { userId: user.id, revokedAt: null } });
    }
  });
}
