import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/load-actor";
import { ADMIN_GROUP, type Actor } from "@/lib/permissions";
import type { ActionContext } from "@/lib/access/context";
import { createToken } from "@/lib/tokens/create-token";

/** Names unique to one test, so tests share a database without seeing each other's rows. */
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function makeGroup(name = unique("group")) {
  return db().group.upsert({ where: { name }, create: { name }, update: {} });
}

export async function makeUser(opts: { groups?: { id: string }[]; admin?: boolean; name?: string } = {}): Promise<Actor> {
  const name = opts.name ?? unique("user");
  const groups = [...(opts.groups ?? [])];
  if (opts.admin) groups.push(await makeGroup(ADMIN_GROUP));
  const user = await db().user.create({
    data: { email: `${name}@test.example`, name, memberships: { create: groups.map((g) => ({ groupId: g.id })) } },
  });
  return (await loadActor(db(), user.id))!;
}

export async function makeConnection(
  opts: {
    groups?: { group: { id: string }; min?: number }[];
    maxSeconds?: number;
    defaultSeconds?: number;
    autoApproveAdmins?: boolean;
  } = {},
) {
  return db().connection.create({
    data: {
      name: unique("conn"),
      type: "postgres",
      maxDurationSeconds: opts.maxSeconds ?? 24 * 3600,
      defaultDurationSeconds: opts.defaultSeconds ?? 3600,
      autoApproveAdmins: opts.autoApproveAdmins ?? true,
      approvalGroups: { create: (opts.groups ?? []).map((g) => ({ groupId: g.group.id, minApprovals: g.min ?? 1 })) },
    },
  });
}

export const as = (actor: Actor, now?: Date): ActionContext => ({ actor, now, meta: { ip: "203.0.113.7", userAgent: "vitest" } });

export async function tokenFor(actor: Actor): Promise<string> {
  return (await createToken(as(actor), actor.id, { name: "test" })).token;
}

export async function eventsOf(requestId: string) {
  return db().auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });
}

/** Expects an AppError with this code, and returns its message. */
export async function failure(promise: Promise<unknown>, code: string): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if ((error as { code?: string }).code !== code) throw error;
    return (error as Error).message;
  }
  throw new Error(`expected an error with code ${code}, but it succeeded`);
}
