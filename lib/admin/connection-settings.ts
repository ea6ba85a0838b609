import { z } from "zod";
import type { Tx } from "@/lib/db";
import { invalidInput } from "@/lib/errors";
import { formatDuration, parseDuration } from "@/lib/access/duration";
import { describePolicy, policyPattern, TICKET_MODES } from "@/lib/access/request-policy";

export const durationString = z.string().transform((value, ctx) => {
  const parsed = parseDuration(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.seconds;
});

const minApprovals = z.number({ error: "minApprovals must be a whole number from 1 to 50" }).int().min(1).max(50);

export const approvalGroupsInput = z
  .array(z.union([z.string().trim().min(1), z.object({ name: z.string().trim().min(1), minApprovals: minApprovals.optional() })]))
  .max(20, "at most 20 approval groups");

export const connectionSettingsInput = z.object({
  approvalGroups: approvalGroupsInput.optional(),
  minApprovals: minApprovals.optional(),
  maxDuration: durationString.optional(),
  defaultDuration: durationString.optional(),
  autoApproveAdmins: z.boolean({ error: "autoApproveAdmins must be true or false" }).optional(),
  description: z.string().trim().max(500).nullable().optional(),
  type: z.string().trim().min(1).max(40).optional(),
  reasonRequired: z.boolean({ error: "reasonRequired must be true or false" }).optional(),
  reasonMinLength: z.number({ error: "reasonMinLength must be a whole number from 0 to 500" }).int().min(0).max(500).optional(),
  reasonPattern: policyPattern.nullable().optional(),
  ticketMode: z.enum(TICKET_MODES, { error: `ticketMode must be one of ${TICKET_MODES.join(", ")}` }).optional(),
  ticketPattern: policyPattern.nullable().optional(),
  pendingTimeout: durationString.optional(),
  maxTotalDuration: durationString.nullable().optional(),
  breakGlassGroups: z.array(z.string().trim().min(1)).max(20, "at most 20 break-glass groups").optional(),
  breakGlassMaxDuration: durationString.optional(),
  distinctApprovers: z.boolean({ error: "distinctApprovers must be true or false" }).optional(),
});

export type ConnectionSettingsInput = z.output<typeof connectionSettingsInput>;

export type ConnectionView = {
  id: string;
  name: string;
  type: string;
  description: string | null;
  maxDuration: string;
  maxDurationSeconds: number;
  defaultDuration: string;
  defaultDurationSeconds: number;
  autoApproveAdmins: boolean;
  approvalGroups: { name: string; minApprovals: number }[];
  rule: string;
  policy: {
    reasonRequired: boolean;
    reasonMinLength: number;
    reasonPattern: string | null;
    ticketMode: string;
    ticketPattern: string | null;
    pendingTimeout: string;
    pendingTimeoutSeconds: number;
    maxTotalDuration: string | null;
    maxTotalSeconds: number | null;
    breakGlassGroups: string[];
    breakGlassMaxDuration: string;
    breakGlassMaxSeconds: number;
    distinctApprovers: boolean;
    summary: string[];
  };
};

/** The approval rule in words, as admins and requesters read it. */
export function describeRule(groups: { name: string; minApprovals: number }[]): string {
  if (groups.length === 0) return "No approval needed: access is granted at once, time-boxed and audited.";
  const parts = groups.map((g) => (g.minApprovals === 1 ? `one member of ${g.name}` : `${g.minApprovals} members of ${g.name}`));
  if (parts.length === 1) return `${parts[0]![0]!.toUpperCase()}${parts[0]!.slice(1)} must approve.`;
  return `Each group must approve: ${parts.join(" and ")}.`;
}

type ConnectionWithGroups = {
  id: string;
  name: string;
  type: string;
  description: string | null;
  maxDurationSeconds: number;
  defaultDurationSeconds: number;
  autoApproveAdmins: boolean;
  reasonRequired: boolean;
  reasonMinLength: number;
  reasonPattern: string | null;
  ticketMode: string;
  ticketPattern: string | null;
  pendingTimeoutSeconds: number;
  maxTotalSeconds: number | null;
  breakGlassMaxSeconds: number;
  distinctApprovers: boolean;
  approvalGroups: { minApprovals: number; group: { name: string } }[];
  breakGlassGroups: { group: { name: string } }[];
};

export function toConnectionView(c: ConnectionWithGroups): ConnectionView {
  const approvalGroups = c.approvalGroups
    .map((g) => ({ name: g.group.name, minApprovals: g.minApprovals }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    description: c.description,
    maxDuration: formatDuration(c.maxDurationSeconds),
    maxDurationSeconds: c.maxDurationSeconds,
    defaultDuration: formatDuration(c.defaultDurationSeconds),
    defaultDurationSeconds: c.defaultDurationSeconds,
    autoApproveAdmins: c.autoApproveAdmins,
    approvalGroups,
    rule: describeRule(approvalGroups),
    policy: {
      reasonRequired: c.reasonRequired,
      reasonMinLength: c.reasonMinLength,
      reasonPattern: c.reasonPattern,
      ticketMode: c.ticketMode,
      ticketPattern: c.ticketPattern,
      pendingTimeout: formatDuration(c.pendingTimeoutSeconds),
      pendingTimeoutSeconds: c.pendingTimeoutSeconds,
      maxTotalDuration: c.maxTotalSeconds === null ? null : formatDuration(c.maxTotalSeconds),
      maxTotalSeconds: c.maxTotalSeconds,
      breakGlassGroups: c.breakGlassGroups.map((g) => g.group.name).sort(),
      breakGlassMaxDuration: formatDuration(c.breakGlassMaxSeconds),
      breakGlassMaxSeconds: c.breakGlassMaxSeconds,
      distinctApprovers: c.distinctApprovers,
      summary: describePolicy(c),
    },
  };
}

export const connectionInclude = {
  approvalGroups: { include: { group: { select: { name: true } } } },
  breakGlassGroups: { include: { group: { select: { name: true } } } },
} as const;

/** The policy columns a settings change writes; fields left out stay as they are. */
export function policyData(input: ConnectionSettingsInput) {
  return {
    ...(input.reasonRequired !== undefined ? { reasonRequired: input.reasonRequired } : {}),
    ...(input.reasonMinLength !== undefined ? { reasonMinLength: input.reasonMinLength } : {}),
    ...(input.reasonPattern !== undefined ? { reasonPattern: input.reasonPattern || null } : {}),
    ...(input.ticketMode !== undefined ? { ticketMode: input.ticketMode } : {}),
    ...(input.ticketPattern !== undefined ? { ticketPattern: input.ticketPattern || null } : {}),
    ...(input.pendingTimeout !== undefined ? { pendingTimeoutSeconds: input.pendingTimeout } : {}),
    ...(input.maxTotalDuration !== undefined ? { maxTotalSeconds: input.maxTotalDuration } : {}),
    ...(input.breakGlassMaxDuration !== undefined ? { breakGlassMaxSeconds: input.breakGlassMaxDuration } : {}),
    ...(input.distinctApprovers !== undefined ? { distinctApprovers: input.distinctApprovers } : {}),
  };
}

/** Group names to ids; unknown names are refused, naming the setting. */
export async function resolveGroupIds(tx: Tx, names: string[], setting: string): Promise<string[]> {
  if (new Set(names).size !== names.length) throw invalidInput(`${setting} lists a group twice.`);
  const found = await tx.group.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  const missing = names.filter((n) => !found.some((f) => f.name === n));
  if (missing.length) throw invalidInput(`Unknown group(s) in ${setting}: ${missing.join(", ")}.`);
  return names.map((n) => found.find((f) => f.name === n)!.id);
}

/** Resolves group names to ids with their minimums; unknown names are refused. */
export async function resolveApprovalGroups(
  tx: Tx,
  groups: z.output<typeof approvalGroupsInput>,
  defaultMin: number,
): Promise<{ groupId: string; minApprovals: number }[]> {
  const wanted = groups.map((g) => (typeof g === "string" ? { name: g, minApprovals: defaultMin } : { name: g.name, minApprovals: g.minApprovals ?? defaultMin }));
  const ids = await resolveGroupIds(tx, wanted.map((g) => g.name), "approvalGroups");
  return wanted.map((g, i) => ({ groupId: ids[i]!, minApprovals: g.minApprovals }));
}

export function assertDurations(maxSeconds: number, defaultSeconds: number): void {
  if (defaultSeconds > maxSeconds) {
    throw invalidInput(`The default duration (${formatDuration(defaultSeconds)}) cannot be above the maximum (${formatDuration(maxSeconds)}).`);
  }
}
