import { apiRoute, json } from "@/lib/http/api-route";
import { requireAdmin } from "@/lib/permissions";
import { verifyAuditChain } from "@/lib/audit/verify-chain";

export const GET = apiRoute(async (c) => {
  requireAdmin(await c.actor(), "verify the audit chain");
  return json(await verifyAuditChain());
});
