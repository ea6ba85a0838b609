import v8 from "node:v8";
import vm from "node:vm";
import { expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportEvents } from "@/lib/audit/export-events";
import { makeConnection, makeUser } from "../integration/factories";

const EVENTS = 100_000;
const HEAP_CEILING_BYTES = 32 * 1024 * 1024;

// A full collection before each reading, so the figure is memory the export still holds,
// not garbage the collector has yet to reclaim.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const retainedHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

it(`exports ${EVENTS.toLocaleString("en")} events as a stream under a fixed memory ceiling`, { timeout: 240_000 }, async () => {
  const conn = await makeConnection();
  await db().$executeRaw`
    INSERT INTO audit_events (action, connection_id, target_type, target_id, data)
    SELECT 'load.test', ${conn.id}, 'connection', ${conn.id}, jsonb_build_object('n', n, 'note', repeat('x', 200))
    FROM generate_series(1, ${EVENTS}) AS n`;
  const admin = await makeUser({ admin: true });

  const { stream } = exportEvents(admin, { connection: conn.name, format: "jsonl" });
  const baseline = retainedHeap();
  let peak = 0;
  let lines = 0;
  let chunks = 0;
  let bytes = 0;
  const decoder = new TextDecoder();
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    lines += decoder.decode(chunk).split("\n").length - 1;
    if (++chunks % 50 === 0) peak = Math.max(peak, retainedHeap() - baseline);
  }
  expect(lines).toBe(EVENTS);
  // The export itself is far larger than the ceiling: it was never held in memory at once.
  expect(bytes).toBeGreaterThan(HEAP_CEILING_BYTES);
  expect(peak, `peak retained heap growth ${Math.round(peak / 1e6)} MB`).toBeLessThan(HEAP_CEILING_BYTES);
});
