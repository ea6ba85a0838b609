import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { queuedJobsIn } from "@/lib/outbox/enqueue-job";
import { wakeOutboxWorker } from "@/lib/outbox/wake";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function createClient(): PrismaClient {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  if (!DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start Timebox with `npm start`, which provides the embedded database");
  }
  const adapter = new PrismaPg({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
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
