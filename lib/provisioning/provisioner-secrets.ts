import type { ConnectionProvisioner } from "@/lib/generated/prisma/client";
import { decryptSecret, SecretDecryptionError } from "@/lib/crypto/secret-box";
import { TargetError, type TargetAddress } from "@/lib/provisioning/postgres-target";

export type ProvisionerRow = ConnectionProvisioner;

/** What each ciphertext protects: bound in as associated data, so ciphertexts cannot be swapped between rows or columns. */
export const adminUrlPurpose = (connectionId: string) => `connection:${connectionId}:admin-url`;
export const webhookSecretPurpose = (connectionId: string) => `connection:${connectionId}:webhook-secret`;
export const grantPasswordPurpose = (requestId: string) => `grant:${requestId}:password`;

export type ProvisionerSecrets = { adminUrl?: string; webhookUrl?: string; webhookSecret?: string; all: string[] };

/** Decrypts a provisioner's secrets for one job. `all` lists every secret string, for scrubbing error messages. */
export function provisionerSecrets(config: ProvisionerRow): ProvisionerSecrets {
  try {
    if (config.kind === "postgres") {
      if (!config.adminUrlCiphertext) throw new TargetError("The postgres provisioner has no admin URL.", true);
      const adminUrl = decryptSecret(config.adminUrlCiphertext, adminUrlPurpose(config.connectionId));
      return { adminUrl, all: [adminUrl, ...urlPassword(adminUrl)] };
    }
    if (config.kind === "webhook") {
      if (!config.webhookUrl || !config.webhookSecretCiphertext) throw new TargetError("The webhook provisioner has no URL or secret.", true);
      const webhookSecret = decryptSecret(config.webhookSecretCiphertext, webhookSecretPurpose(config.connectionId));
      return { webhookUrl: config.webhookUrl, webhookSecret, all: [webhookSecret] };
    }
    return { all: [] };
  } catch (error) {
    if (error instanceof SecretDecryptionError) throw new TargetError(error.message, true);
    throw error;
  }
}

/** The password inside a URL, raw and decoded (both could surface in an error message). */
export function urlPassword(url: string): string[] {
  try {
    const raw = new URL(url).password;
    return raw ? [raw, decodeURIComponent(raw)] : [];
  } catch {
    return [];
  }
}

/** Where requesters connect: the configured client address, or else the admin URL's host and port. */
export function clientAddress(config: Pick<ProvisionerRow, "clientAddress">, target: TargetAddress): { host: string; port: number } {
  if (!config.clientAddress) return { host: target.host, port: target.port };
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(config.clientAddress.trim());
  return { host: match?.[1] ?? target.host, port: match?.[2] ? Number(match[2]) : target.port };
}
