import { headers } from "next/headers";
import type { RequestMeta } from "@/lib/access/context";

/** Where a server action's POST came from, for the audit trail. */
export async function actionMeta(): Promise<RequestMeta> {
  const h = await headers();
  return {
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || undefined,
    userAgent: h.get("user-agent")?.slice(0, 512) || undefined,
  };
}
