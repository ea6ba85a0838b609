import { z } from "zod";
import { inTransaction } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { requireAdmin } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import {
  assertDurations,
  connectionInclude,
  connectionSettingsInput,
  policyData,
  resolveApprovalGroups,
  resolveGroupIds,
  toConnectionView,
  type ConnectionView,
} from "@/lib/admin/connection-settings";

export const connectionName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "connection names are 1-63 lowercase letters, digits, dots, dashes or underscores");

export const createConnectionInput = connectionSettingsInput.extend({
  name: connectionName,
  type: z.string().trim().min(1, "type is required, e.g. postgres").max(40),
});

const DEFAULT_MAX_SECONDS = 24 * 3600;
const DEFAULT_DEFAULT_SECONDS = 3600;

export async function createConnection(ctx: ActionContext, raw: unknown): Promise<ConnectionView> {
  const input = parseInput(createConnectionInput, raw);
  requireAdmin(ctx.actor, "create connections");
  const maxDurationSeconds = input.maxDuration ?? DEFAULT_MAX_SECONDS;
  const defaultDurationSeconds = input.defaultDuration ?? Math.min(DEFAULT_DEFAULT_SECONDS, maxDurationSeconds);
  assertDurations(maxDurationSeconds, defaultDurationSeconds);
  return inTransaction(async (tx) => {
    if (await tx.connection.findUnique({ where: { name: input.name }, select: { id: true } })) {
      throw conflict(`A connection named ${input.name} already exists.`);
    }
    const groups = await resolveApprovalGroups(tx, input.approvalGroups ?? [], input.minApprovals ?? 1);
    const breakGlass = await resolveGroupIds(tx, input.breakGlassGroups ?? [], "breakGlassGroups");
    const connection = await tx.connection.create({
      data: {
        name: input.name,
        type: input.type,
        description: input.description ?? null,
        maxDurationSeconds,
        defaultDurationSeconds,
        autoApproveAdmins: input.autoApproveAdmins ?? true,
        approvalGroups: { create: groups },
        breakGlassGroups: { create: breakGlass.map((groupId) => ({ groupId })) },
        ...policyData(input),
      },
      include: connectionInclude,
    });
    const view = toConnectionView(connection);
    await recordEvent(tx, ctx, {
      action: "connection.created",
      targetType: "connection",
      targetId: connection.id,
      connectionId: connection.id,
      data: { after: settingsOf(view) },
    });
    return view;
  });
}

export function settingsOf(v: ConnectionView) {
  return {
    name: v.name,
    type: v.type,
    description: v.description,
    approvalGroups: v.approvalGroups,
    maxDuration: v.maxDuration,
    defaultDuration: v.defaultDuration,
    autoApproveAdmins: v.autoApproveAdmins,
    policy: { ...v.policy, summary: undefined },
  };
}
