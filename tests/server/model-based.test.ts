import { expect, it } from "vitest";
import fc from "fast-check";
import { db } from "@/lib/db";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { revokeGrant } from "@/lib/access/revoke-grant";
import { forceApproveRequest } from "@/lib/access/force-approve-request";
import { expireGrants } from "@/lib/access/expire-grants";
import type { Actor } from "@/lib/permissions";
import { as, makeConnection, makeGroup, makeUser } from "../integration/factories";

/**
 * Model-based test: random sequences of request, approve, reject, revoke, force approve,
 * clock moves and sweeps run against the database and against a small reference model of
 * the rules; after every step both must agree on every request's status, approvals and expiry.
 * RUNS (default 100 in `npm test`) is raised to 1,000 by `npm run test:chaos`.
 */
const RUNS = Number(process.env.MODEL_RUNS ?? 100);
const PENDING_TIMEOUT_MS = 24 * 3600_000;

type Status = "PENDING" | "APPROVED" | "REJECTED" | "REVOKED" | "EXECUTED" | "EXPIRED";
type ModelRequest = { id: string; requester: number; status: Status; approvers: Set<string>; counted: Map<string, Set<string>>; durationMs: number; expiresAt: number | null; pendingExpiresAt: number };

type Op =
  | { kind: "create"; requester: number; minutes: number }
  | { kind: "approve" | "reject"; actor: number; target: number }
  | { kind: "revoke" | "force"; target: number }
  | { kind: "advance"; minutes: number }
  | { kind: "sweep" };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("create" as const), requester: fc.nat(1), minutes: fc.constantFrom(1, 30, 120) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("approve" as const), actor: fc.nat(4), target: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reject" as const), actor: fc.nat(4), target: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("revoke" as const), target: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("force" as const), target: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("advance" as const), minutes: fc.constantFrom(1, 20, 90, 600, 1500) }) },
  { weight: 2, arbitrary: fc.constant({ kind: "sweep" as const }) },
);

async function world() {
  const dba = await makeGroup();
  const sec = await makeGroup();
  const conn = await makeConnection({ groups: [{ group: dba, min: 2 }, { group: sec, min: 1 }], autoApproveAdmins: false });
  const requesters = [await makeUser(), await makeUser()];
  // approvers: dba, dba, sec, dba+sec, admin (in no group)
  const approvers = [
    await makeUser({ groups: [dba] }),
    await makeUser({ groups: [dba] }),
    await makeUser({ groups: [sec] }),
    await makeUser({ groups: [dba, sec] }),
    await makeUser({ admin: true }),
  ];
  return { dba: dba.id, sec: sec.id, conn: conn.name, requesters, approvers, admin: approvers[4]! };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string }) => e.code ?? `crash: ${String(e)}`);

it(`agrees with a reference model over ${RUNS} random sequences`, { timeout: 600_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
      const w = await world();
      const groupsOf = (a: Actor) => [w.dba, w.sec].filter((g) => a.groupIds.has(g));
      const model: ModelRequest[] = [];
      let now = Date.now() - 30 * 24 * 3600_000;
      const live = (r: ModelRequest) => r.status === "APPROVED" && r.expiresAt! > now;
      const timedOut = (r: ModelRequest) => r.pendingExpiresAt <= now;
      const satisfied = (r: ModelRequest) => (r.counted.get(w.dba)?.size ?? 0) >= 2 && (r.counted.get(w.sec)?.size ?? 0) >= 1;

      for (const o of ops) {
        const at = new Date(now);
        const target = "target" in o ? model[o.target % Math.max(1, model.length)] : undefined;
        let expected = "ok";
        let actual: string;
        if (o.kind === "create") {
          const requester = w.requesters[o.requester]!;
          if (model.some((r) => r.requester === o.requester && r.status === "PENDING")) expected = "conflict";
          let id = "";
          actual = await codeOf(createRequest(as(requester, at), { connection: w.conn, duration: `${o.minutes}m` }).then((r) => void (id = r.id)));
          if (expected === "ok" && actual === "ok") {
            model.push({ id, requester: o.requester, status: "PENDING", approvers: new Set(), counted: new Map(), durationMs: o.minutes * 60_000, expiresAt: null, pendingExpiresAt: now + PENDING_TIMEOUT_MS });
          }
        } else if (o.kind === "advance") {
          now += o.minutes * 60_000;
          continue;
        } else if (o.kind === "sweep") {
          await expireGrants(at);
          for (const r of model) {
            if (r.status === "APPROVED" && r.expiresAt! <= now) r.status = "EXECUTED";
            if (r.status === "PENDING" && timedOut(r)) r.status = "EXPIRED";
          }
          actual = "ok";
        } else if (!target) {
          continue;
        } else if (o.kind === "approve") {
          const actor = w.approvers[o.actor]!;
          const groups = groupsOf(actor);
          if (groups.length === 0) expected = "forbidden";
          else if (target.approvers.has(actor.id)) expected = "ok";
          else if (target.status !== "PENDING" || timedOut(target)) expected = "conflict";
          actual = await codeOf(approveRequest(as(actor, at), target.id));
          if (expected === "ok" && !target.approvers.has(actor.id)) {
            target.approvers.add(actor.id);
            for (const g of groups) target.counted.set(g, new Set([...(target.counted.get(g) ?? []), actor.id]));
            if (satisfied(target)) {
              target.status = "APPROVED";
              target.expiresAt = now + target.durationMs;
            }
          }
        } else if (o.kind === "reject") {
          const actor = w.approvers[o.actor]!;
          if (groupsOf(actor).length === 0 && !actor.isAdmin) expected = "forbidden";
          else if (target.status !== "PENDING" || timedOut(target)) expected = "conflict";
          actual = await codeOf(rejectRequest(as(actor, at), target.id, { reason: "model" }));
          if (expected === "ok") target.status = "REJECTED";
        } else if (o.kind === "revoke") {
          if (!live(target)) expected = "conflict";
          actual = await codeOf(revokeGrant(as(w.admin, at), target.id, { reason: "model" }));
          if (expected === "ok") target.status = "REVOKED";
        } else {
          if (target.status !== "PENDING" || timedOut(target)) expected = "conflict";
          actual = await codeOf(forceApproveRequest(as(w.admin, at), target.id, { reason: "model" }));
          if (expected === "ok") {
            target.status = "APPROVED";
            target.approvers.add(w.admin.id);
            target.expiresAt = now + target.durationMs;
          }
        }
        expect(actual, JSON.stringify(o)).toBe(expected);

        const rows = await db().accessRequest.findMany({ where: { id: { in: model.map((r) => r.id) } }, include: { approvals: true } });
        for (const r of model) {
          const row = rows.find((x) => x.id === r.id)!;
          expect({ status: row.status, approvals: row.approvals.length, expiresAt: row.expiresAt?.getTime() ?? null }, JSON.stringify(o)).toEqual({
            status: r.status,
            approvals: r.approvers.size,
            expiresAt: r.expiresAt,
          });
        }
      }
    }),
    { numRuns: RUNS },
  );
});
