/**
 * lib/db.ts's pool when connections die under it (PooledClient): a dead checked-out
 * connection is released exactly once, whoever notices first, and the pool serves again.
 * The transaction-during-a-statement case is in known-gaps.test.ts.
 */
import pg from "pg";
import { afterEach, expect, inject, it } from "vitest";
import { createClientOn, createPool } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const opened: PrismaClient[] = [];
afterEach(() => {
  // Not awaited: a leaked slot would make the pool's end() wait forever.
  for (const client of opened.splice(0)) void client.$disconnect();
});

function smallClient(max: number) {
  const pool = createPool(inject("databaseUrl"), max, 2_000);
  const client = createClientOn(pool);
  opened.push(client);
  return { pool, client };
}

async function terminate(pid: number): Promise<void> {
  const killer = new pg.Client({ connectionString: inject("databaseUrl") });
  await killer.connect();
  try {
    await killer.query("SELECT pg_terminate_backend($1)", [pid]);
  } finally {
    await killer.end();
  }
}

const checkedOut = (pool: pg.Pool) => pool.totalCount - pool.idleCount;

it("a transaction whose connection dies between two statements gives its slot back", async () => {
  const { pool, client } = smallClient(1);
  const failed = await client
    .$transaction(async (tx) => {
      const { pid } = (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!;
      await terminate(pid);
      await new Promise((resolve) => setTimeout(resolve, 200)); // the "end" arrives while nothing runs
      await tx.$queryRaw`SELECT 1`;
    })
    .then(
      () => null,
      (error: unknown) => error,
    );
  expect(failed).toBeInstanceOf(Error);
  expect(checkedOut(pool)).toBe(0);
  // One connection in all: it only works if the dead one was discarded.
  expect(await client.$queryRaw`SELECT 3 AS three`).toEqual([{ three: 3 }]);
});

it("a plain query whose connection dies is released once (pg's pool.query releases too) and the pool serves again", async () => {
  const { pool, client } = smallClient(1);
  const { pid } = (await client.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!;
  const sleeping = client.$queryRaw`SELECT pg_sleep(5)`.then(
    () => null,
    (error: unknown) => error,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  await terminate(pid);
  expect(await sleeping).toBeInstanceOf(Error);
  expect(checkedOut(pool)).toBe(0);
  expect(await client.$queryRaw`SELECT 4 AS four`).toEqual([{ four: 4 }]);
});

it("many transactions cut off at once leave the pool whole", async () => {
  const { pool, client } = smallClient(3);
  const pids: number[] = [];
  const running = [1, 2, 3].map(() =>
    client
      .$transaction(async (tx) => {
        pids.push((await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid);
        await tx.$queryRaw`SELECT pg_sleep(5)`;
      })
      .then(
        () => null,
        (error: unknown) => error,
      ),
  );
  while (pids.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of pids) await terminate(pid);
  for (const result of await Promise.all(running)) expect(result).toBeInstanceOf(Error);
  expect(checkedOut(pool)).toBe(0);
  const again = await Promise.all([1, 2, 3].map((n) => client.$transaction(async (tx) => tx.$queryRaw<{ n: number }[]>`SELECT ${n}::int AS n`)));
  expect(again.map((rows) => rows[0]!.n)).toEqual([1, 2, 3]);
});
