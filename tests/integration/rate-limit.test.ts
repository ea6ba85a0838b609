import { expect, it } from "vitest";
import { createRequest } from "@/lib/access/create-request";
import { call } from "./api-client";
import { as, makeConnection, makeUser, tokenFor } from "./factories";

// Read once, on this file's first use of the environment.
process.env.TIMEBOX_REQUESTS_PER_MINUTE = "5";

it("throttles one user's burst of new requests with 429 while others carry on", async () => {
  const script = await makeUser();
  const token = await tokenFor(script);
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const conn = await makeConnection();
    statuses.push((await call("POST", "/api/v1/access-requests", { token, body: { connection: conn.name, duration: "30m" } })).status);
  }
  expect(statuses.filter((s) => s === 201)).toHaveLength(5);
  expect(statuses.slice(5)).toEqual(Array(7).fill(429));
  const refused = await call("POST", "/api/v1/access-requests", { token, body: { connection: (await makeConnection()).name } });
  expect(refused.body.error).toMatchObject({ code: "rate_limited" });
  expect(refused.body.error?.message).toContain("limit is 5");

  // Someone else is not affected, and the script may go on a minute later.
  const other = await makeUser();
  expect((await call("POST", "/api/v1/access-requests", { token: await tokenFor(other), body: { connection: (await makeConnection()).name } })).status).toBe(201);
  const later = new Date(Date.now() + 61_000);
  expect((await createRequest(as(script, later), { connection: (await makeConnection()).name })).status).toBe("APPROVED");
});
