import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/runtime/embedded-postgres";

describe("embedded PostgreSQL under concurrent connections", () => {
  let db: EmbeddedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    db = await startEmbeddedPostgres(null);
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
  }, 60_000); // PGlite boots its WASM Postgres: seconds on a busy machine.
  afterAll(async () => {
    await pool.end();
    await db.stop();
  });

  it("keeps each parameterized query's messages together while other connections run transactions", { timeout: 60_000 }, async () => {
    const errors: string[] = [];
    const results = await Promise.all(
      Array.from({ length: 240 }, async (_, i) => {
        try {
          if (i % 3 === 0) {
            const client = await pool.connect();
            try {
              await client.query("BEGIN");
              const a = await client.query<{ a: number }>("SELECT $1::int AS a", [i]);
              const b = await client.query<{ b: string }>("SELECT $1::text || $2::text AS b", ["t", String(i)]);
              await client.query("COMMIT");
              return a.rows[0]!.a === i && b.rows[0]!.b === `t${i}`;
            } finally {
              client.release();
            }
          }
          // Different parameter counts, so a Bind meeting another query's Parse fails loudly.
          const r = i % 2
            ? await pool.query<{ x: string }>("SELECT ($1::int + $2::int)::text AS x", [i, 1])
            : await pool.query<{ x: string }>("SELECT $1::text || $2::text || $3::text AS x", ["a", String(i), "c"]);
          return r.rows[0]!.x === (i % 2 ? String(i + 1) : `a${i}c`);
        } catch (error) {
          errors.push((error as Error).message);
          return false;
        }
      }),
    );
    expect(errors).toEqual([]);
    expect(results.every(Boolean)).toBe(true);
  });
});
