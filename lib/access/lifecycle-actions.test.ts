import { describe, expect, it } from "vitest";
import { lifecycleActions, type LifecycleRow } from "@/lib/access/lifecycle-actions";
import type { Actor } from "@/lib/permissions";

const now = new Date("2026-12-04T12:00:00Z");
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

const actor = (id: string, groups: string[] = [], isAdmin = false): Actor => ({
  id,
  email: `${id}@example.com`,
  name: null,
  isAdmin,
  groupIds: new Set(groups),
  groupNames: groups,
});

const dba = { groupId: "dba", groupName: "dba-team", minApprovals: 1 };
const sec = { groupId: "sec", groupName: "security", minApprovals: 1 };

const grant = (over: Partial<LifecycleRow> = {}): LifecycleRow => ({
  status: "APPROVED",
  requesterId: "alice",
  decidedAt: minutes(-60),
  expiresAt: minutes(60),
  startsAt: null,
  extendsRequestId: null,
  emergency: false,
  reviewedAt: null,
  distinctApprovers: false,
  groups: [dba],
  approvals: [],
  ...over,
});

const caps = { maxTotalSeconds: 4 * 3600, maxDurationSeconds: 2 * 3600 };

describe("lifecycleActions", () => {
  it("lets the requester extend a live grant up to the total cap, and release it", () => {
    const a = lifecycleActions(actor("alice"), grant(), caps, now);
    expect(a).toMatchObject({ canExtend: true, maxExtensionSeconds: 2 * 3600, canRelease: true, canAcknowledge: false });
    // Without a cap of its own, the maximum duration is the total: a 2h grant cannot grow.
    expect(lifecycleActions(actor("alice"), grant(), { maxTotalSeconds: null, maxDurationSeconds: 2 * 3600 }, now)).toMatchObject({
      canExtend: false,
      maxExtensionSeconds: 0,
    });
  });

  it("offers nothing to others, nor on grants that are not live", () => {
    expect(lifecycleActions(actor("bob", ["dba"]), grant(), caps, now)).toMatchObject({ canExtend: false, canRelease: false });
    expect(lifecycleActions(actor("alice"), grant({ status: "EXECUTED" }), caps, now)).toMatchObject({ canExtend: false, canRelease: false });
    expect(lifecycleActions(actor("alice"), grant({ expiresAt: minutes(-1) }), caps, now)).toMatchObject({ canExtend: false, canRelease: false });
    // An extension request is never extended or released itself.
    expect(lifecycleActions(actor("alice"), grant({ extendsRequestId: "g1" }), caps, now)).toMatchObject({ canExtend: false, canRelease: false });
  });

  it("lets a scheduled grant be called off but not extended before it starts", () => {
    const scheduled = grant({ decidedAt: minutes(-5), startsAt: minutes(30), expiresAt: minutes(90) });
    expect(lifecycleActions(actor("alice"), scheduled, caps, now)).toMatchObject({ canExtend: false, canRelease: true });
  });

  it("lets an approver or admin, never the requester, acknowledge an unreviewed break-glass grant", () => {
    const emergency = grant({ emergency: true });
    expect(lifecycleActions(actor("bob", ["dba"]), emergency, caps, now).canAcknowledge).toBe(true);
    expect(lifecycleActions(actor("root", [], true), emergency, caps, now).canAcknowledge).toBe(true);
    expect(lifecycleActions(actor("carol", ["sec"]), emergency, caps, now).canAcknowledge).toBe(false);
    expect(lifecycleActions(actor("alice", ["dba"], true), emergency, caps, now).canAcknowledge).toBe(false);
    expect(lifecycleActions(actor("bob", ["dba"]), { ...emergency, reviewedAt: minutes(-1) }, caps, now).canAcknowledge).toBe(false);
    expect(lifecycleActions(actor("bob", ["dba"]), grant(), caps, now).canAcknowledge).toBe(false);
  });

  it("asks an approver in several groups to choose only under distinct approvers, and only when the server cannot pick", () => {
    const pending = grant({ status: "PENDING", expiresAt: null, decidedAt: null, groups: [dba, sec], distinctApprovers: true });
    const both = actor("eve", ["dba", "sec"]);
    expect(lifecycleActions(both, pending, caps, now).approveGroupChoices).toEqual(["dba-team", "security"]);
    expect(lifecycleActions(both, { ...pending, distinctApprovers: false }, caps, now).approveGroupChoices).toEqual([]);
    expect(lifecycleActions(actor("bob", ["dba"]), pending, caps, now).approveGroupChoices).toEqual([]);
    // dba-team is done: the only open group of eve's is security, which the server picks.
    const half = { ...pending, approvals: [{ userId: "bob", countedGroups: ["dba"], forced: false }] };
    expect(lifecycleActions(both, half, caps, now).approveGroupChoices).toEqual([]);
    // Already approved by eve: nothing to choose.
    expect(lifecycleActions(both, { ...pending, approvals: [{ userId: "eve", countedGroups: ["dba"], forced: false }] }, caps, now).approveGroupChoices).toEqual([]);
  });
});
