/**
 * listRequests() loads a page and its relations in one SQL statement. Here it is held to the
 * Prisma query it replaced (kept below as the reference): for every kind of viewer and every
 * filter, page by page, the same items in the same order with the same relations, and the
 * same cursors.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createRequest } from "@/lib/access/create-request";
import { approveRequest } from "@/lib/access/approve-request";
import { rejectRequest } from "@/lib/access/reject-request";
import { extendGrant } from "@/lib/access/extend-grant";
import { listRequests, listRequestsQuery, reviewableWhere } from "@/lib/access/list-requests";
import { requestInclude, toRequestView } from "@/lib/access/request-view";
import { updateConnection } from "@/lib/admin/update-connection";
import { parseInput } from "@/lib/validation";
import type { Actor } from "@/lib/permissions";
import { as, failure, makeConnection, makeGroup, makeUser } from "./factories";

const at = (minutes: number, from: Date) => new Date(from.getTime() + minutes * 60_000);
const encodeCursor = (c: { t: string; id: string }) => Buffer.from(JSON.stringify(c)).toString("base64url");

/** The Prisma implementation listRequests had before it became one statement. */
async function reference(actor: Actor, raw: unknown, now: Date) {
  const q = parseInput(listRequestsQuery, raw);
  const oldestFirst = q.reviewable || q.needsReview;
  const ids = [...actor.groupIds];
  const filters: Prisma.AccessRequestWhereInput[] = [
    actor.isAdmin ? {} : { OR: [{ requesterId: actor.id }, { groups: { some: { groupId: { in: ids } } } }] },
  ];
  if (q.status) filters.push({ status: q.status });
  if (q.connection) filters.push({ connection: { name: q.connection } });
  if (q.mine) filters.push({ requesterId: actor.id });
  if (q.reviewable) filters.push(reviewableWhere(actor));
  if (q.needsReview) filters.push({ emergency: true, reviewedAt: null });
  if (q.decidedByMe) filters.push({ OR: [{ approvals: { some: { userId: actor.id } } }, { decidedById: actor.id }] });
  if (q.cursor) {
    const c = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8")) as { t: string; id: string };
    const t = new Date(c.t);
    const cmp = oldestFirst ? "gt" : "lt";
    filters.push({ OR: [{ createdAt: { [cmp]: t } }, { createdAt: t, id: { [cmp]: c.id } }] });
  }
  const order = oldestFirst ? "asc" : "desc";
  const rows = await db().accessRequest.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: order }, { id: order }],
    take: q.limit + 1,
    include: requestInclude,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toRequestView(r, now)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** Every page of a list, two at a time, checked against the reference page by page. */
async function allPages(actor: Actor, query: Record<string, string>, now: Date) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 50; n++) {
    const raw = { ...query, limit: "2", ...(cursor ? { cursor } : {}) };
    const page = await listRequests(actor, raw, now);
    expect(page, `${actor.email} ${JSON.stringify(raw)}`).toEqual(await reference(actor, raw, now));
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("more pages than requests");
}

/**
 * Two approval groups A and B, members in one or both, an admin and an outsider; requests
 * pending with and without approvals, approved, rejected, an extension, a break-glass grant,
 * and two created in the same millisecond (the cursor's id tie-break).
 */
async function world() {
  const t0 = new Date(Date.now() - 6 * 3600_000);
  const gA = await makeGroup();
  const gB = await makeGroup();
  const oncall = await makeGroup();
  const [alice, bob, carol, dave, erin] = [
    await makeUser(),
    await makeUser({ groups: [gA] }),
    await makeUser({ groups: [gB] }),
    await makeUser({ groups: [gA, gB] }),
    await makeUser({ groups: [gA, oncall] }),
  ];
  const admin = await makeUser({ admin: true });
  const outsider = await makeUser({ groups: [await makeGroup()] });
  const conn = (groups: { group: { id: string }; min?: number }[]) => makeConnection({ groups, autoApproveAdmins: false });
  const cA3 = await conn([{ group: gA, min: 3 }]);
  const cAB = await conn([{ group: gA }, { group: gB }]);
  const cB = await conn([{ group: gB }]);
  const ids: Record<string, string> = {};
  let minute = 0;
  const request = async (name: string, who: Actor, connection: { name: string }, extra: Record<string, unknown> = {}) =>
    (ids[name] = (await createRequest(as(who, at(++minute, t0)), { connection: connection.name, reason: name, ...extra })).id);

  await request("alice-AB-half", alice, cAB);
  await approveRequest(as(bob, at(++minute, t0)), ids["alice-AB-half"]!);
  await request("alice-A3-two", alice, cA3);
  await approveRequest(as(erin, at(++minute, t0)), ids["alice-A3-two"]!);
  await approveRequest(as(bob, at(++minute, t0)), ids["alice-A3-two"]!);
  await request("carol-A3", carol, cA3);
  await request("bob-AB", bob, await conn([{ group: gA }, { group: gB }]));
  await request("alice-B-live", alice, cB, { duration: "8h" });
  await approveRequest(as(carol, at(++minute, t0)), ids["alice-B-live"]!);
  ids["alice-B-ext"] = (await extendGrant(as(alice, at(++minute, t0)), ids["alice-B-live"]!, { duration: "1h" })).id;
  await request("erin-B-rejected", erin, await conn([{ group: gB }]));
  await rejectRequest(as(dave, at(++minute, t0)), ids["erin-B-rejected"]!, { reason: "no" });
  await request("admin-A", admin, await conn([{ group: gA }]));
  await request("alice-B-lapsed", alice, await conn([{ group: gB }]), { duration: "1m" });
  await approveRequest(as(dave, at(++minute, t0)), ids["alice-B-lapsed"]!);
  // Two requests in the same millisecond.
  const same = at(++minute, t0);
  ids["same-1"] = (await createRequest(as(alice, same), { connection: (await conn([{ group: gA }])).name })).id;
  ids["same-2"] = (await createRequest(as(alice, same), { connection: (await conn([{ group: gA }])).name })).id;
  // Break-glass by an on-call member, waiting for its review.
  const bg = await conn([{ group: gA }]);
  await updateConnection(as(admin), bg.name, { breakGlassGroups: [oncall.name] });
  await request("erin-break-glass", erin, bg, { emergency: true, reason: "primary down" });
  return { t0, now: at(++minute, t0), gA, gB, alice, bob, carol, dave, erin, admin, outsider, cA3, cAB, cB, ids };
}

describe("listRequests as one statement", () => {
  it("answers every viewer and filter exactly as the Prisma query did, page by page", async () => {
    const w = await world();
    const queries: Record<string, string>[] = [
      {},
      { mine: "1" },
      { reviewable: "1" },
      { decidedByMe: "1" },
      { needsReview: "1" },
      { status: "PENDING" },
      { status: "APPROVED", mine: "true" },
      { connection: w.cA3.name },
      { connection: w.cAB.name, reviewable: "1" },
      { connection: "no-such-connection" },
      { reviewable: "1", mine: "1" },
      { decidedByMe: "1", status: "REJECTED" },
    ];
    const seen = new Map<string, string[]>();
    for (const actor of [w.alice, w.bob, w.carol, w.dave, w.erin, w.outsider]) {
      for (const query of queries) seen.set(`${actor.id} ${JSON.stringify(query)}`, await allPages(actor, query, w.now));
    }
    // An admin sees every request in the database: keep to this test's connections.
    const adminQueries: Record<string, string>[] = [
      { connection: w.cA3.name },
      { connection: w.cA3.name, reviewable: "1" },
      { connection: w.cAB.name, decidedByMe: "1" },
      { mine: "1" },
      { decidedByMe: "1" },
    ];
    for (const query of adminQueries) seen.set(`${w.admin.id} ${JSON.stringify(query)}`, await allPages(w.admin, query, w.now));

    // And the answers are the expected ones, not just the same ones.
    const ids = (actor: Actor, query: Record<string, string>) => seen.get(`${actor.id} ${JSON.stringify(query)}`)!;
    const i = w.ids;
    expect(ids(w.bob, { reviewable: "1" })).toEqual([i["carol-A3"], i["admin-A"], ...[i["same-1"]!, i["same-2"]!].sort()]);
    expect(ids(w.dave, { reviewable: "1" })).toEqual(
      [i["alice-AB-half"], i["alice-A3-two"], i["carol-A3"], i["bob-AB"], i["alice-B-ext"], i["admin-A"], ...[i["same-1"]!, i["same-2"]!].sort()],
    );
    expect(ids(w.alice, { reviewable: "1" })).toEqual([]);
    expect(ids(w.outsider, {})).toEqual([]);
    expect(ids(w.dave, { decidedByMe: "1" })).toEqual([i["alice-B-lapsed"], i["erin-B-rejected"]]);
    expect(ids(w.alice, { status: "APPROVED", mine: "true" })).toEqual([i["alice-B-lapsed"], i["alice-B-live"]]);
    expect(ids(w.bob, { needsReview: "1" })).toEqual([i["erin-break-glass"]]);
    expect(ids(w.carol, {})).not.toContain(i["admin-A"]);
    // An admin's queue has every pending request they have not approved, their own included.
    expect(ids(w.admin, { connection: w.cA3.name, reviewable: "1" })).toEqual([i["alice-A3-two"], i["carol-A3"]]);
    expect(ids(w.admin, { mine: "1" })).toEqual([i["admin-A"]]);

    // The relations come along: groups by name, approvals in the order given.
    const [twoApprovals] = (await listRequests(w.alice, { mine: "1", connection: w.cA3.name }, w.now)).items;
    expect(twoApprovals!.groups).toEqual([
      expect.objectContaining({ minApprovals: 3, satisfied: false, approvals: [expect.objectContaining({ user: { email: w.erin.email, name: w.erin.name } }), expect.objectContaining({ user: { email: w.bob.email, name: w.bob.name } })] }),
    ]);
    expect(twoApprovals!.groups[0]!.approvals.map((a) => a.at)).toEqual([at(4, w.t0).toISOString(), at(5, w.t0).toISOString()]);
  });

  it("refuses a cursor it did not make", async () => {
    const alice = await makeUser();
    await failure(listRequests(alice, { cursor: "not-a-cursor" }), "invalid_input");
    await failure(listRequests(alice, { cursor: encodeCursor({ t: "yesterday", id: "x" }) }), "invalid_input");
    await failure(listRequests(alice, { cursor: encodeCursor({ t: "+275760-09-13T00:00:00.000Z", id: "x" }) }), "invalid_input");
    await failure(listRequests(alice, { cursor: encodeCursor({ t: "2026-01-01T00:00:00.000Z", id: 7 } as never) }), "invalid_input");
    const fine = await listRequests(alice, { cursor: encodeCursor({ t: "9999-12-31T23:59:59.999Z", id: "x" }) });
    expect(fine).toEqual({ items: [], nextCursor: null });
  });
});
