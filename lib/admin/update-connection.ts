import { inTransaction } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import {
  assertDurations,
  connectionInclude,
  connectionSettingsInput,
  resolveApprovalGroups,
  policyData,
  resolveGroupIds,
  toConnectionView,
  type ConnectionView,
} from "@/lib/admin/connection-settings";
import { settingsOf } from "@/lib/admin/create-connection";

/**
 * Changes a connection's JIT settings; fields left out stay as they are. Requests
 * already in flight keep the rule they were created under.
 */
export async function updateConnection(ctx: ActionContext, name: string, raw: unknown): Promise<ConnectionView> {
  const input = parseInput(connectionSettingsInput, raw);
  requireAdmin(ctx.actor, "change connections");
  return inTransaction(async (tx) => {
    const current = await tx.connection.findUnique({ where: { name }, include: connectionInclude });
    if (!current) throw notFound(`Unknown connection "${name}".`);
    const before = toConnectionView(current);
    const maxDurationSeconds = input.maxDuration ?? current.maxDurationSeconds;
    const defaultDurationSeconds = input.defaultDuration ?? current.defaultDurationSeconds;
    assertDurations(maxDurationSeconds, defaultDurationSeconds);

    let groups = input.approvalGroups;
    if (!groups && input.minApprovals !== undefined) groups = before.approvalGroups.map((g) => g.name);
    if (groups) {
      const resolved = await resolveApprovalGroups(tx, groups, input.minApprovals ?? 1);
      await tx.connectionApprovalGroup.deleteMany({ where: { connectionId: current.id } });
      await tx.connectionApprovalGroup.createMany({ data: resolved.map((g) => ({ ...g, connectionId: current.id })) });
    }
    if (input.breakGlassGroups) {
      const ids = await resolveGroupIds(tx, input.breakGlassGroups, "breakGlassGroups");
      await tx.connectionBreakGlassGroup.deleteMany({ where: { connectionId: current.id } });
      await tx.connectionBreakGlassGroup.createMany({ data: ids.map((groupId) => ({ connectionId: current.id, groupId })) });
    }
    const updated = await tx.connection.update({
      where: { id: current.id },
      data: {
        maxDurationSeconds,
        defaultDurationSeconds,
        ...(input.autoApproveAdmins !== undefined ? { autoApproveAdmins: input.autoApproveAdmins } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...policyData(input),
      },
      include: connectionInclude,
    });
    const after = toConnectionView(updated);
    await recordEvent(tx, ctx, {
      action: "connection.updated",
      targetType: "connection",
      targetId: current.id,
      connectionId: current.id,
      data: { before: settingsOf(before), after: settingsOf(after) },
    });
    return after;
  });
}
