import type { Db } from "@/lib/db";

/** Tells the database whether to queue every audit event for the SIEM webhook. */
export async function syncAuditForwarding(client: Db, on: boolean): Promise<void> {
  const value = on ? "on" : "off";
  await client.appSetting.upsert({ where: { key: "audit_forwarding" }, create: { key: "audit_forwarding", value }, update: { value } });
}
