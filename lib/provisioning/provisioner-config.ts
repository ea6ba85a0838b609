import { z } from "zod";
import { db, inTransaction } from "@/lib/db";
import { conflict, invalidInput, notFound } from "@/lib/errors";
import { requireAdmin, type Actor } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { recordEvent } from "@/lib/audit/record-event";
import type { ActionContext } from "@/lib/access/context";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { checkTarget, parseAdminUrl, TargetError } from "@/lib/provisioning/postgres-target";
import { deliverWebhook, generateWebhookSecret } from "@/lib/provisioning/webhook";
import { adminUrlPurpose, provisionerSecrets, urlPassword, webhookSecretPurpose, type ProvisionerRow } from "@/lib/provisioning/provisioner-secrets";
import { scrub } from "@/lib/provisioning/scrub";

const adminUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      parseAdminUrl(v);
      return true;
    } catch {
      return false;
    }
  }, "adminUrl must be a postgresql:// URL with a host, e.g. postgresql://timebox_admin:secret@db.internal:5432/app");

const roleName = z
  .string()
  .trim()
  .min(1, "role names cannot be empty")
  .max(63, "role names are at most 63 characters")
  .refine((v) => !v.includes("\0"), "role names cannot contain NUL");

const clientAddress = z
  .string()
  .trim()
  .max(300)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?$/, "clientAddress is host or host:port (IPv6 in brackets: [::1]:5432)");

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "url must be an http(s) URL without credentials in it");

export const provisionerInput = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("none") }),
    z.object({
      kind: z.literal("postgres"),
      /** Required the first time; left out, the stored URL is kept. */
      adminUrl: adminUrl.optional(),
      grantRoles: z.array(roleName).max(20, "at most 20 roles").default([]),
      connectionLimit: z.number().int().min(1, "connectionLimit is 1 to 1000").max(1000, "connectionLimit is 1 to 1000").default(5),
      clientAddress: clientAddress.nullable().optional(),
    }),
    z.object({
      kind: z.literal("webhook"),
      url: httpUrl,
      /** Your own signing secret; without one Timebox generates it (returned once). */
      secret: z.string().min(16, "secret must be at least 16 characters").max(500).optional(),
      rotateSecret: z.boolean().optional(),
    }),
  ],
  { error: 'kind must be "none", "postgres" or "webhook"' },
);

export const provisionerTestInput = z.object({
  adminUrl: adminUrl.optional(),
  grantRoles: z.array(roleName).max(20).optional(),
  url: httpUrl.optional(),
});

export type ProvisionerView = {
  connection: string;
  kind: "none" | "postgres" | "webhook";
  postgres: {
    adminUrlSet: boolean;
    /** Where the admin URL points, without its credentials; null if it cannot be decrypted. */
    target: { host: string; port: number; database: string; user: string } | null;
    grantRoles: string[];
    connectionLimit: number;
    clientAddress: string | null;
  } | null;
  webhook: { url: string; secretSet: boolean } | null;
  lastTest: { at: string; ok: boolean; message: string } | null;
  /** Grants on this connection whose access has not been removed yet. */
  openGrants: number;
  problem: string | null;
  updatedAt: string | null;
};

async function loadConnection(name: string) {
  const connection = await db().connection.findUnique({ where: { name }, include: { provisioner: true } });
  if (!connection) throw notFound(`Unknown connection "${name}".`);
  return connection;
}

async function countOpenGrants(connectionId: string): Promise<number> {
  return db().accessGrant.count({ where: { connectionId, status: { not: "ENDED" } } });
}

function toView(name: string, config: ProvisionerRow | null, openGrants: number): ProvisionerView {
  let problem: string | null = null;
  let target: NonNullable<ProvisionerView["postgres"]>["target"] = null;
  if (config?.kind === "postgres" && config.adminUrlCiphertext) {
    try {
      const t = parseAdminUrl(decryptSecret(config.adminUrlCiphertext, adminUrlPurpose(config.connectionId)));
      target = { host: t.host, port: t.port, database: t.database, user: t.adminUser };
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  return {
    connection: name,
    kind: config?.kind ?? "none",
    postgres:
      config?.kind === "postgres"
        ? {
            adminUrlSet: Boolean(config.adminUrlCiphertext),
            target,
            grantRoles: config.grantRoles,
            connectionLimit: config.connectionLimit,
            clientAddress: config.clientAddress,
          }
        : null,
    webhook: config?.kind === "webhook" ? { url: config.webhookUrl ?? "", secretSet: Boolean(config.webhookSecretCiphertext) } : null,
    lastTest:
      config?.lastTestedAt && config.lastTestOk !== null
        ? { at: config.lastTestedAt.toISOString(), ok: config.lastTestOk, message: config.lastTestMessage ?? "" }
        : null,
    openGrants,
    problem,
    updatedAt: config?.updatedAt.toISOString() ?? null,
  };
}

/** Admins only: the provisioner of a connection, without any secret. */
export async function getProvisioner(actor: Actor, name: string): Promise<ProvisionerView> {
  requireAdmin(actor, "see provisioner settings");
  const connection = await loadConnection(name);
  return toView(name, connection.provisioner, await countOpenGrants(connection.id));
}

/**
 * Sets how a connection's grants are carried out. Secrets are encrypted before they are
 * stored and never come back, except a webhook secret Timebox generates, shown once.
 * The kind cannot change while grants made under the old one still hold access.
 */
export async function setProvisioner(ctx: ActionContext, name: string, raw: unknown): Promise<ProvisionerView & { webhookSecret?: string }> {
  requireAdmin(ctx.actor, "change provisioner settings");
  const input = parseInput(provisionerInput, raw);
  let shownSecret: string | undefined;
  const view = await inTransaction(async (tx) => {
    const connection = await tx.connection.findUnique({ where: { name }, include: { provisioner: true } });
    if (!connection) throw notFound(`Unknown connection "${name}".`);
    const current = connection.provisioner;
    const currentKind = current?.kind ?? "none";
    if (currentKind !== input.kind) {
      const open = await tx.accessGrant.count({ where: { connectionId: connection.id, status: { not: "ENDED" } } });
      if (open > 0) {
        throw conflict(
          `${name} has ${open} grant${open === 1 ? "" : "s"} made by the ${currentKind} provisioner that still hold access; revoke them or let them expire before changing the provisioner.`,
          { openGrants: open },
        );
      }
    }
    const changes: Record<string, unknown> = {};
    let data: Omit<ProvisionerRow, "connectionId" | "createdAt" | "updatedAt" | "lastTestedAt" | "lastTestOk" | "lastTestMessage">;
    if (input.kind === "none") {
      if (current) await tx.connectionProvisioner.delete({ where: { connectionId: connection.id } });
      await recordEvent(tx, ctx, {
        action: "connection.provisioner_updated",
        targetType: "connection",
        targetId: connection.id,
        connectionId: connection.id,
        data: { before: { kind: currentKind }, after: { kind: "none" } },
      });
      return toView(name, null, 0);
    } else if (input.kind === "postgres") {
      const keep = current?.kind === "postgres" ? current.adminUrlCiphertext : null;
      if (!input.adminUrl && !keep) throw invalidInput("adminUrl is required: the URL Timebox uses to create and drop roles on the target.");
      if (input.adminUrl) changes.adminUrlChanged = true;
      data = {
        kind: "postgres",
        adminUrlCiphertext: input.adminUrl ? encryptSecret(input.adminUrl, adminUrlPurpose(connection.id)) : keep,
        grantRoles: [...new Set(input.grantRoles)],
        connectionLimit: input.connectionLimit,
        clientAddress: input.clientAddress ?? null,
        webhookUrl: null,
        webhookSecretCiphertext: null,
      };
    } else {
      const keep = current?.kind === "webhook" ? current.webhookSecretCiphertext : null;
      let secretCiphertext = keep;
      if (input.secret) {
        secretCiphertext = encryptSecret(input.secret, webhookSecretPurpose(connection.id));
        changes.secretChanged = true;
      } else if (!keep || input.rotateSecret) {
        shownSecret = generateWebhookSecret();
        secretCiphertext = encryptSecret(shownSecret, webhookSecretPurpose(connection.id));
        changes.secretChanged = true;
      }
      data = {
        kind: "webhook",
        adminUrlCiphertext: null,
        grantRoles: [],
        connectionLimit: 5,
        clientAddress: null,
        webhookUrl: input.url,
        webhookSecretCiphertext: secretCiphertext,
      };
    }
    const saved = await tx.connectionProvisioner.upsert({
      where: { connectionId: connection.id },
      create: { connectionId: connection.id, ...data },
      // A changed configuration needs a new test.
      update: { ...data, lastTestedAt: null, lastTestOk: null, lastTestMessage: null },
    });
    await recordEvent(tx, ctx, {
      action: "connection.provisioner_updated",
      targetType: "connection",
      targetId: connection.id,
      connectionId: connection.id,
      data: {
        before: publicSettings(current),
        after: publicSettings(saved),
        ...changes,
      } as never,
    });
    return toView(name, saved, await tx.accessGrant.count({ where: { connectionId: connection.id, status: { not: "ENDED" } } }));
  });
  return shownSecret ? { ...view, webhookSecret: shownSecret } : view;
}

/** The settings an audit event may show: never a secret. */
function publicSettings(config: ProvisionerRow | null) {
  if (!config) return { kind: "none" };
  if (config.kind === "postgres") {
    return { kind: config.kind, grantRoles: config.grantRoles, connectionLimit: config.connectionLimit, clientAddress: config.clientAddress };
  }
  if (config.kind === "webhook") return { kind: config.kind, url: config.webhookUrl };
  return { kind: config.kind };
}

/**
 * "Test connection": checks the values in the form if given (before saving), else the
 * stored ones, which then keep the result. postgres connects and checks privileges and
 * roles; webhook sends a signed `ping` event.
 */
export async function testProvisioner(ctx: ActionContext, name: string, raw: unknown = {}): Promise<{ ok: boolean; message: string; at: string }> {
  requireAdmin(ctx.actor, "test provisioner settings");
  const input = parseInput(provisionerTestInput, raw);
  const connection = await loadConnection(name);
  const stored = connection.provisioner;
  const at = new Date();
  let result: { ok: boolean; message: string };
  let secrets: string[] = [];
  const usesStored = !input.adminUrl && !input.url;
  if (input.adminUrl || (usesStored && stored?.kind === "postgres")) {
    let url = input.adminUrl;
    try {
      if (!url) url = provisionerSecrets(stored!).adminUrl!;
    } catch (error) {
      return { ok: false, message: (error as Error).message, at: at.toISOString() };
    }
    secrets = [url, ...urlPassword(url)];
    result = await checkTarget(url, input.grantRoles ?? stored?.grantRoles ?? []);
  } else if (input.url || (usesStored && stored?.kind === "webhook")) {
    try {
      const s = stored?.kind === "webhook" ? provisionerSecrets(stored) : null;
      const url = input.url ?? s!.webhookUrl!;
      const secret = s?.webhookSecret ?? generateWebhookSecret();
      secrets = [secret];
      const { status } = await deliverWebhook(url, secret, { id: `ping:${at.getTime()}`, type: "ping", createdAt: at.toISOString(), data: { connection: name } }, at);
      result = { ok: true, message: `The receiver answered HTTP ${status} to a signed ping.${s ? "" : " (Signed with a throwaway secret: save to get the real one.)"}` };
    } catch (error) {
      result = { ok: false, message: error instanceof TargetError ? error.message : (error as Error).message };
    }
  } else {
    result = { ok: true, message: "No provisioner: access is tracked in Timebox only, and enforced elsewhere (e.g. through the access check API)." };
  }
  result.message = scrub(result.message, secrets);
  if (usesStored && stored) {
    await inTransaction(async (tx) => {
      await tx.connectionProvisioner.update({
        where: { connectionId: connection.id },
        data: { lastTestedAt: at, lastTestOk: result.ok, lastTestMessage: result.message },
      });
      await recordEvent(tx, ctx, {
        action: "connection.provisioner_tested",
        targetType: "connection",
        targetId: connection.id,
        connectionId: connection.id,
        data: { kind: stored.kind, ok: result.ok, message: result.message },
      });
    });
  }
  return { ...result, at: at.toISOString() };
}
