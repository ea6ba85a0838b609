/**
 * Deterministic reproductions of the bugs listed in tests/chaos/known-gaps.ts. An open gap's
 * test is `it.fails`: it passes while the bug is there. Once a bug is fixed its test fails
 * here; then drop `.fails` and set the gap to false in tests/chaos/known-gaps.ts, so the
 * fuzzers and the restart test cover that input again. A closed gap's test stays here as a
 * plain regression test (all of them are closed today).
 */
import { describe, expect, it } from "vitest";
import pg from "pg";
import { inject } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createClientOn, createPool } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { errorResponse } from "@/lib/http/api-route";
import * as connection from "@/app/api/v1/connections/[name]/route";
import * as interactions from "@/app/api/integrations/slack/interactions/route";
import * as accessRequests from "@/app/api/v1/access-requests/route";
import { makeConnection, makeUser, tokenFor } from "../integration/factories";
import { invoke, slackRequest } from "../integration/notifications/helpers";

describe("known gaps (see tests/chaos/known-gaps.ts)", () => {
  it("a NUL character in input is refused with 400, not a 500 from PostgreSQL", async () => {
    const admin = await makeUser({ admin: true });
    const response = await connection.GET!(
      new Request("http://localhost/api/v1/connections/a%00b", { headers: { authorization: `Bearer ${await tokenFor(admin)}` } }),
      { params: Promise.resolve({ name: "a\u0000b" }) },
    );
    expect(response.status).toBe(400);
  });

  /**
   * A client built as lib/db.ts builds it, on a small pool of its own: these tests kill its
   * connections, and a leaked slot must not hang the shared client's disconnect.
   */
  function ownClient(max: number) {
    const pool = createPool(inject("databaseUrl"), max, 2_000);
    return { pool, client: createClientOn(pool) };
  }

  /** Runs a transaction whose connection is terminated (as a fast shutdown does) while it waits on a statement. */
  async function transactionCutOff(client: PrismaClient): Promise<unknown> {
    const killer = new pg.Client({ connectionString: inject("databaseUrl") });
    await killer.connect();
    // The victim can see its error before the killer sees its answer: ending the killer
    // with the query in flight would reject it unobserved.
    let killed: Promise<unknown> = Promise.resolve();
    try {
      await client.$transaction(async (tx) => {
        const { pid } = (await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!;
        setTimeout(() => (killed = killer.query("SELECT pg_terminate_backend($1)", [pid])), 200);
        await tx.$queryRaw`SELECT pg_sleep(5)`;
      });
      return null;
    } catch (error) {
      return error;
    } finally {
      await killed;
      await killer.end();
    }
  }

  it("a statement cut off by a server shutdown (57P01) is a 503, not a 500", async () => {
    const { client } = ownClient(2);
    const caught = await transactionCutOff(client);
    void client.$disconnect();
    expect(String((caught as Error)?.message)).toMatch(/terminating connection due to administrator command/);
    expect(errorResponse(caught).status).toBe(503);
  });

  it("a transaction whose connection dies gives its pool slot back (Prisma 6.19 TransactionManager; workaround in lib/db.ts)", async () => {
    const { pool, client } = ownClient(2);
    try {
      await transactionCutOff(client);
      await transactionCutOff(client);
      // Without the workaround both slots stay checked out by transactions that ended long ago.
      expect(pool.totalCount - pool.idleCount).toBe(0);
      // And the pool serves again, in and outside transactions.
      expect(await client.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      expect(await client.$transaction(async (tx) => tx.$queryRaw`SELECT 2 AS two`)).toEqual([{ two: 2 }]);
    } finally {
      // Not awaited: with a leaked slot the pool's end() would wait for it forever.
      void client.$disconnect();
    }
  });

  it("a lone surrogate in a JSON string is refused with 400, not a 500 from PostgreSQL's jsonb (lib/http/api-route.ts readBody)", async () => {
    const requester = await makeUser();
    const connection = await makeConnection();
    // JSON text with the escape itself: JSON.parse yields the lone surrogate.
    const body = `{"connection":${JSON.stringify(connection.name)},"duration":"30m","reason":"broken \\ud800 text"}`;
    const response = await accessRequests.POST!(
      new Request("http://localhost/api/v1/access-requests", {
        method: "POST",
        headers: { authorization: `Bearer ${await tokenFor(requester)}`, "content-type": "application/json" },
        body,
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBeLessThan(500);
  });

  it("a Slack button press whose value is not a string is answered without a 500 (lib/slack/interactions.ts)", async () => {
    const secret = "known-gaps-slack-secret-0123456789";
    const saved = process.env.SLACK_SIGNING_SECRET;
    process.env.SLACK_SIGNING_SECRET = secret;
    resetEnvForTests();
    try {
      const payload = JSON.stringify({ type: "block_actions", user: { id: "UNOBODY" }, actions: [{ action_id: "timebox_approve", value: ["not", "a", "string"] }] });
      const result = await invoke(interactions.POST, slackRequest("/api/integrations/slack/interactions", { payload }, { secret }));
      expect(result.status).toBeLessThan(500);
    } finally {
      if (saved === undefined) delete process.env.SLACK_SIGNING_SECRET;
      else process.env.SLACK_SIGNING_SECRET = saved;
      resetEnvForTests();
    }
  });
});
