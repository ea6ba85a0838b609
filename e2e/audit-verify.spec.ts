/**
 * Issue 7, tamper-evident audit: Admin → Audit integrity says the chain is intact; after a
 * row is edited directly in the e2e database (as someone with database access could) it
 * points at that row; restored, it is intact again. Also: the audit page's exports.
 */
import { readFile } from "node:fs/promises";
import { expect } from "@playwright/test";
import { saveScreenshot } from "./helpers";
import { test } from "./journey-helpers";
import { withE2eDatabase } from "./database";
import { createConnection, suffix } from "./issue7-helpers";

const DISABLE = "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete";
const ENABLE = "ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_or_delete";

/** Writes `data` into one event behind the app's back, in one short transaction; the append-only trigger stays on for everyone else. */
async function overwriteEventData(id: string, data: string): Promise<void> {
  await withE2eDatabase(async (db) => {
    await db.query("BEGIN");
    try {
      await db.query(DISABLE);
      await db.query("UPDATE audit_events SET data = $2::jsonb WHERE id = $1", [id, data]);
      await db.query(ENABLE);
      await db.query("COMMIT");
    } catch (error) {
      await db.query("ROLLBACK");
      throw error;
    }
  });
}

test("the audit integrity page detects a row edited in the database, at that row", async ({ personIn }) => {
  const admin = await personIn("admin@example.com");
  const name = `tamper-${suffix()}`;
  await createConnection(admin, { name, description: "A connection whose creation event gets edited" });
  const events = (await (await admin.request.get(`/api/v1/audit?connection=${name}&action=connection.created`)).json()) as { items: { id: string }[] };
  const target = events.items[0]!.id;

  await admin.goto("/admin/audit");
  await expect(admin.getByTestId("chain-verdict")).toContainText(/Chain intact: [\d,]+ events checked/);
  await saveScreenshot(admin, "i7-admin-audit-intact");

  const original = await withE2eDatabase(async (db) => (await db.query<{ data: string }>("SELECT data::text AS data FROM audit_events WHERE id = $1", [target])).rows[0]!.data);
  const tampered = JSON.parse(original) as { after: { description: string } };
  tampered.after.description = "Nothing to see here";
  await overwriteEventData(target, JSON.stringify(tampered));
  try {
    await admin.getByRole("button", { name: "Verify again" }).click();
    const verdict = admin.getByTestId("chain-verdict");
    await expect(verdict).toContainText(`Chain broken at event #${target}`);
    await expect(admin.getByTestId("broken-event-id")).toHaveText(`#${target}`);
    await expect(verdict).toContainText("Connection created");
    await expect(verdict).toContainText("connection.created");
    await expect(admin.getByRole("alert").filter({ hasText: "Chain broken" })).toBeVisible();
    await saveScreenshot(admin, "i7-admin-audit-broken");
  } finally {
    await overwriteEventData(target, original);
  }

  await admin.getByRole("button", { name: "Verify again" }).click();
  await expect(admin.getByTestId("chain-verdict")).toContainText(/Chain intact/);
});

test("the audit page exports CSV and JSON Lines with its current filters", async ({ personIn }) => {
  const admin = await personIn("admin@example.com");
  const name = `export-${suffix()}`;
  await createConnection(admin, { name });
  await admin.goto(`/audit?connection=${name}`);
  await expect(admin.getByTestId("audit-row")).toHaveCount(1);

  const [csv] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Export CSV" }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const text = await readFile((await csv.path())!, "utf8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toBe("id,at,actor,action,requestId,connection,targetType,targetId,data,ip,userAgent");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("connection.created");
  expect(lines[1]).toContain(name);

  const [jsonl] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Export JSONL" }).click()]);
  const rows = (await readFile((await jsonl.path())!, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { action: string; connection: string });
  expect(rows).toEqual([expect.objectContaining({ action: "connection.created", connection: name })]);
});
