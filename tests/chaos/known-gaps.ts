/**
 * Bugs the reliability suite found in code outside its own files, reported with where and
 * how to fix them. While a gap is listed here the fuzzers and the restart test steer around
 * it (so they keep testing everything else), and tests/server/known-gaps.test.ts holds a
 * deterministic reproduction marked `it.fails`: when the bug is fixed that test fails,
 * which is the signal to delete the entry here and the `.fails` there.
 */
export const KNOWN_GAPS = {
  /**
   * A NUL character (U+0000) anywhere in input that reaches a query (path segment, query
   * parameter, JSON string, Slack payload) makes PostgreSQL refuse the statement with
   * SQLSTATE 22021 "invalid byte sequence for encoding UTF8: 0x00", which
   * lib/http/api-route.ts errorResponse() turns into a 500 instead of a 400.
   */
  nulInInput: false,
  /**
   * A statement cut off by a database shutdown fails with SQLSTATE 57P01 "terminating
   * connection due to administrator command" (and 57P02/57P03 around a restart), which
   * lib/http/api-route.ts isDatabaseUnavailable() does not recognise: 500 instead of 503.
   */
  terminatingConnection: false,
  /**
   * lib/slack/interactions.ts trusts the types inside Slack's (signed) payload: a
   * non-string `actions[0].value` (line 70) flows into an outbox job's requestId and Prisma
   * refuses it, a non-string reason value breaks `.trim()` (line 115), and
   * `private_metadata` of "null" breaks `target.requestId` (line 117): 500s. The payload
   * needs a zod schema (strings where Slack sends strings) before it is used.
   * Closed: parseInteractionPayload() in lib/slack/interactions.ts (400 for a wrong type).
   */
  slackPayloadTypes: false,
  /**
   * A transaction whose connection dies (server restart, pg_terminate_backend, network cut)
   * never gives its pool slot back: @prisma/client 6.19's client-engine TransactionManager
   * closes a transaction with `await tx.executeRaw("ROLLBACK"); await tx.rollback()` (and
   * the same for COMMIT), so when ROLLBACK throws on the dead connection, rollback() (which
   * calls pg's client.release()) never runs. After DATABASE_POOL_SIZE such transactions the
   * app answers 503 ("timeout exceeded when trying to connect") until it is restarted.
   * Upstream bug; a workaround belongs in lib/db.ts: build the pg.Pool there, track checked
   * out clients (pool events "acquire"/"release") and release a checked-out client with an
   * error when it emits "end".
   * Closed: PooledClient in lib/db.ts releases a checked-out client whose connection dies.
   */
  poolLeakOnDeadTransaction: false,
  /**
   * A lone UTF-16 surrogate (JSON carries one as an escape such as "\ud800") in a string
   * that ends up in a Json column (audit event data, outbox job payloads) makes Prisma's
   * query engine refuse the whole statement (PrismaClientUnknownRequestError "JSON Error:
   * lone leading surrogate in hex escape" / "unexpected end of hex escape"): a 500. Seen through the Slack interactions
   * endpoint (a channel id in the ephemeral-reply job) and the REST create call (the reason
   * in the audit event). Fix at the edge: make parsed strings well-formed
   * (String.prototype.toWellFormed) or refuse them with 400 in lib/http/api-route.ts
   * readBody() and where the Slack payload is parsed; and map the error to 400 as a net.
   * Closed: lib/http/parse-json.ts refuses them with 400 (both places), errorResponse() is the net.
   */
  loneSurrogates: false,
};
