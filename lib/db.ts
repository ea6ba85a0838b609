import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { queuedJobsIn } from "@/lib/outbox/enqueue-job";
import { wakeOutboxWorker } from "@/lib/outbox/wake";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * A pool client whose release works once per checkout and happens by itself when its
 * connection dies while checked out.
 *
 * Why: @prisma/client 6.19's TransactionManager ends a transaction with
 * `await executeRaw("ROLLBACK"); await rollback()` (COMMIT alike), and only rollback()
 * calls release(). When the connection died inside the transaction (server restart,
 * pg_terminate_backend, network cut) ROLLBACK throws, release() never runs, and the pool
 * slot is lost for good: after DATABASE_POOL_SIZE such transactions every query waits for
 * a connection and fails. So a checked-out client that emits "error" or "end" is released
 * here, with the error, which makes the pool discard it and open a fresh one. Whoever
 * releases it later (pg's pool.query, the adapter's error path) finds it released already:
 * pg-pool throws on a second release, so the wrapper makes later calls no-ops.
 */
class PooledClient extends pg.Client {
  #release: ((error?: Error | boolean) => void) | undefined;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const discard = (error: Error) => {
      if (this.#release) this.release(error);
    };
    this.on("error", discard);
    this.on("end", () => discard(new Error("The database connection ended while checked out of the pool.")));
  }

  /** pg-pool assigns a fresh release function at every checkout. */
  set release(release: (error?: Error | boolean) => void) {
    this.#release = release;
  }

  get release(): (error?: Error | boolean) => void {
    return (error) => {
      const release = this.#release;
      this.#release = undefined;
      release?.(error);
    };
  }
}

/** The connection pool the app's Prisma client runs on (exported for tests that need a small one of their own). */
export function createPool(connectionString: string, max: number, connectionTimeoutMillis = 5_000): pg.Pool {
  // Timestamp columns hold UTC without a zone: SQL that computes them (now(), the audit
  // chain's hash of `at`) must run in UTC whatever the server's default TimeZone is.
  return new pg.Pool({ connectionString, max, connectionTimeoutMillis, Client: PooledClient, options: "-c TimeZone=UTC" });
}

export function createClientOn(pool: pg.Pool): PrismaClient {
  // The pool is ours: $disconnect() ends it.
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

function createClient(): PrismaClient {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  if (!DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start Timebox with `npm start`, which provides the embedded database");
  }
  return createClientOn(createPool(DATABASE_URL, DATABASE_POOL_SIZE));
}

// One client per process, kept across hot reloads in development.
const holder = globalThis as unknown as { timeboxPrisma?: PrismaClient };

export function db(): PrismaClient {
  holder.timeboxPrisma ??= createClient();
  return holder.timeboxPrisma;
}

/**
 * Runs `fn` in one interactive transaction. Row locks taken inside can queue behind
 * other writers (and PGlite serializes transactions), so waits are generous.
 */
export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  let used: Tx | undefined;
  const result = await db().$transaction(
    (tx) => {
      used = tx;
      return fn(tx);
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
  if (used && queuedJobsIn(used)) wakeOutboxWorker();
  return result;
}
