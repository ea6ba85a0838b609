import { db } from "@/lib/db";
import { json } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return json({ status: "ok", database: "ok" });
  } catch {
    return json({ status: "degraded", database: "unreachable" }, 503);
  }
}
