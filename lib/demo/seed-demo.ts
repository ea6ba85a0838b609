import type { Db } from "@/lib/db";
import { ADMIN_GROUP } from "@/lib/permissions";

export const DEMO_USERS = [
  { email: "alice@example.com", name: "Alice Developer", groups: ["developers"] },
  { email: "bob@example.com", name: "Bob DBA", groups: ["dba-team"] },
  { email: "carol@example.com", name: "Carol Security", groups: ["security"] },
  { email: "dave@example.com", name: "Dave Contractor", groups: ["contractors"] },
  { email: "admin@example.com", name: "Ada Admin", groups: [ADMIN_GROUP] },
] as const;

const DEMO_CONNECTIONS = [
  { name: "prod-postgres", type: "postgres", description: "Production PostgreSQL (orders, customers)", groups: ["dba-team"], maxHours: 24, defaultHours: 2 },
  { name: "billing-db", type: "postgres", description: "Billing database: card tokens and invoices", groups: ["dba-team", "security"], maxHours: 8, defaultHours: 1 },
  { name: "staging-k8s", type: "kubernetes", description: "Staging cluster; time-boxed but no approval needed", groups: [], maxHours: 24, defaultHours: 8 },
] as const;

/** Seeds the demo organisation once: a database that already has users is left alone. Returns whether it seeded. */
export async function seedDemoOrganisation(client: Db): Promise<boolean> {
  return client.$transaction(async (tx) => {
    // Serialize concurrent first starts against the same database.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727001)`;
    if ((await tx.user.count()) > 0) return false;
    const groupNames = [...new Set([...DEMO_USERS.flatMap((u) => u.groups), "dba-team", "security"])];
    const groups = new Map<string, string>();
    for (const name of groupNames) {
      const group = await tx.group.create({ data: { name } });
      groups.set(name, group.id);
    }
    for (const u of DEMO_USERS) {
      await tx.user.create({
        data: {
          email: u.email,
          name: u.name,
          memberships: { create: u.groups.map((g) => ({ groupId: groups.get(g)! })) },
        },
      });
    }
    for (const c of DEMO_CONNECTIONS) {
      await tx.connection.create({
        data: {
          name: c.name,
          type: c.type,
          description: c.description,
          maxDurationSeconds: c.maxHours * 3600,
          defaultDurationSeconds: c.defaultHours * 3600,
          approvalGroups: { create: c.groups.map((g) => ({ groupId: groups.get(g)!, minApprovals: 1 })) },
        },
      });
    }
    await tx.auditEvent.create({
      data: { action: "demo.seeded", targetType: "organisation", targetId: "demo", data: { users: DEMO_USERS.length } },
    });
    return true;
  });
}
