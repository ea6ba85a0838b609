import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { connectionInclude, toConnectionView, type ConnectionView } from "@/lib/admin/connection-settings";

/** Every signed-in user sees the connections they could request, with their rules. */
export async function listConnections(): Promise<ConnectionView[]> {
  const rows = await db().connection.findMany({ orderBy: { name: "asc" }, include: connectionInclude });
  return rows.map(toConnectionView);
}

export async function getConnection(name: string): Promise<ConnectionView> {
  const row = await db().connection.findUnique({ where: { name }, include: connectionInclude });
  if (!row) throw notFound(`Unknown connection "${name}".`);
  return toConnectionView(row);
}
