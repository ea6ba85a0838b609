import { describe, expect, it } from "vitest";
import { createClientOn, createPool } from "@/lib/db";
import { errorResponse } from "@/lib/http/api-route";

/** Nothing listens on port 1: every connection attempt is refused at once. */
const unreachable = () => createClientOn(createPool("postgresql://postgres@127.0.0.1:1/timebox", 2, 2_000));

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

describe("an unreachable database", () => {
  const client = unreachable();

  it.each([
    ["a raw statement ($queryRaw, as the access check and the lists run)", () => client.$queryRaw`SELECT 1`],
    ["a Prisma query", () => client.user.findMany({ take: 1 })],
    ["a transaction", () => client.$transaction(async (tx) => tx.$queryRaw`SELECT 1`)],
  ])("answers 503 with a message for %s", async (_, run) => {
    const response = errorResponse(await failureOf(run));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "unavailable", message: "The database is unreachable; try again shortly." } });
  });
});

it.each([
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
])("a statement sent on a connection that just died (%s) answers 503", async (message) => {
  expect(errorResponse(new Error(message)).status).toBe(503);
});
