import { z } from "zod";
import { db, inTransaction, type Db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { requireAdmin, type Actor } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";

/** A Slack channel id (C…, G…) or a channel name (#access-requests). */
const slackChannel = z
  .string()
  .trim()
  .regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{6,20})$/, "a Slack channel is an id such as C0123456789 or a name such as #access-requests");

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

const teamsWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
    } catch {
      return false;
    }
  }, "the Teams webhook must be an https:// URL");

export const connectionChannelsInput = z
  .object({
    slackChannels: z.array(slackChannel).max(10, "at most 10 Slack channels").optional(),
    /** null or "" turns Teams off. */
    teamsWebhookUrl: z.union([teamsWebhookUrl, z.literal(""), z.null()]).optional(),
    email: z.boolean({ error: "email must be true or false" }).optional(),
  })
  .strict();

export type ConnectionChannels = { slackChannels: string[]; teamsWebhookUrl: string | null; email: boolean };

export type ConnectionChannelsView = ConnectionChannels & { connection: string };

export const DEFAULT_CHANNELS: ConnectionChannels = { slackChannels: [], teamsWebhookUrl: null, email: true };

/** A connection's channels; a connection never configured gets the defaults (email only). */
export async function channelsFor(connectionId: string, client: Db | Tx = db()): Promise<ConnectionChannels> {
  const row = await client.connectionNotificationSettings.findUnique({ where: { connectionId } });
  if (!row) return { ...DEFAULT_CHANNELS };
  return { slackChannels: row.slackChannels, teamsWebhookUrl: row.teamsWebhookUrl, email: row.emailEnabled };
}

/** The Teams URL is a credential (anyone holding it can post): the audit trail keeps only its host and tail. */
export function maskWebhookUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…${url.slice(-6)}`;
  } catch {
    return "(set)";
  }
}

const forAudit = (c: ConnectionChannels) => ({ slackChannels: c.slackChannels, teamsWebhookUrl: maskWebhookUrl(c.teamsWebhookUrl), email: c.email });

async function connectionByName(client: Db | Tx, name: string) {
  const connection = await client.connection.findUnique({ where: { name }, select: { id: true, name: true } });
  if (!connection) throw notFound(`Unknown connection "${name}".`);
  return connection;
}

export async function getConnectionChannels(actor: Actor, name: string): Promise<ConnectionChannelsView> {
  requireAdmin(actor, "see a connection's notification channels");
  const connection = await connectionByName(db(), name);
  return { connection: connection.name, ...(await channelsFor(connection.id)) };
}

/** Sets where a connection's notifications go; fields left out stay as they are. Audited with before and after. */
export async function updateConnectionChannels(ctx: ActionContext, name: string, raw: unknown): Promise<ConnectionChannelsView> {
  const input = parseInput(connectionChannelsInput, raw);
  requireAdmin(ctx.actor, "change a connection's notification channels");
  return inTransaction(async (tx) => {
    const connection = await connectionByName(tx, name);
    const before = await channelsFor(connection.id, tx);
    const after: ConnectionChannels = {
      slackChannels: input.slackChannels ? [...new Set(input.slackChannels)] : before.slackChannels,
      teamsWebhookUrl: input.teamsWebhookUrl === undefined ? before.teamsWebhookUrl : input.teamsWebhookUrl || null,
      email: input.email ?? before.email,
    };
    const data = { slackChannels: after.slackChannels, teamsWebhookUrl: after.teamsWebhookUrl, emailEnabled: after.email };
    await tx.connectionNotificationSettings.upsert({ where: { connectionId: connection.id }, create: { connectionId: connection.id, ...data }, update: data });
    await recordEvent(tx, ctx, {
      action: "connection.notifications_updated",
      targetType: "connection",
      targetId: connection.id,
      connectionId: connection.id,
      data: { before: forAudit(before), after: forAudit(after) },
    });
    return { connection: connection.name, ...after };
  });
}
