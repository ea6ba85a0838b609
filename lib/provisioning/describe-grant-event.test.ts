import { expect, it } from "vitest";
import { actionLabel, describeEvent } from "@/lib/audit/describe-event";
import { GRANT_ACTION_LABELS } from "@/lib/provisioning/describe-grant-event";

it("puts every provisioning event in words on the timeline and in the audit log", () => {
  for (const action of Object.keys(GRANT_ACTION_LABELS)) {
    expect(actionLabel(action)).not.toBe(action);
    expect(describeEvent(action, {}).summary).not.toBe(actionLabel(action));
  }
  expect(describeEvent("grant.activated", { provisioner: "postgres", role: "tb_alice_x" }).summary).toBe("created the database login (role tb_alice_x)");
  expect(describeEvent("grant.deprovisioned", { provisioner: "postgres", role: "tb_a", terminatedSessions: 2 }).summary).toBe(
    "removed the database login (role tb_a), ending 2 open sessions",
  );
  expect(describeEvent("grant.deprovision_failed", { error: "ECONNREFUSED" })).toMatchObject({ tone: "bad", quote: { label: "Error", text: "ECONNREFUSED" } });
  expect(
    describeEvent("connection.provisioner_updated", { before: { kind: "none" }, after: { kind: "postgres", grantRoles: ["readonly"] }, adminUrlChanged: true }),
  ).toMatchObject({
    summary: "set the provisioner to postgres (admin URL replaced)",
    changes: [
      { field: "kind", before: "none", after: "postgres" },
      { field: "grantRoles", before: "—", after: "readonly" },
    ],
  });
});
