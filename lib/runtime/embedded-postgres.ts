import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

/**
 * PostgreSQL compiled to WASM, served on loopback so that Prisma, psql and pg
 * connect with an ordinary URL. One process owns a data folder.
 */
export async function startEmbeddedPostgres(dataDir: string | null, port = 0): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ?? undefined);
  // More than one connection is needed for a pg pool; PGlite serializes their transactions.
  const server = new PGLiteSocketServer({ db: keepExtendedQueriesTogether(pglite), host: "127.0.0.1", port, maxConnections: 50 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres:postgres@${address}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await pglite.close();
    },
  };
}

// Frontend message types of the extended query protocol (Parse, Bind, Describe, Execute, Close, Flush) and Sync.
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const SYNC = 0x53;

/**
 * pglite-socket runs each wire-protocol message as its own queue entry and keeps one
 * connection's messages together only while PGlite is inside a transaction. Outside one,
 * a parameterized query (Parse, Bind, Execute … Sync) from one connection can be split by
 * another connection's transaction, which then binds the wrong unnamed statement: "bind
 * message supplies 3 parameters, but prepared statement "" requires 2", or "portal "" does
 * not exist". Reporting "in a transaction" from a query's first extended-protocol message
 * until its Sync makes the queue keep the sequence together, as it does for transactions.
 */
export function keepExtendedQueriesTogether(db: PGlite): PGlite {
  let open = false;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "isInTransaction") return () => open || target.isInTransaction();
      if (property === "execProtocolRawStream") {
        return async (message: Uint8Array, options: Parameters<PGlite["execProtocolRawStream"]>[1]) => {
          const type = message[0] ?? 0;
          if (EXTENDED.has(type)) open = true;
          try {
            return await target.execProtocolRawStream(message, options);
          } finally {
            if (type === SYNC) open = false;
          }
        };
      }
      // The server's own clean-up after a dropped connection (ROLLBACK) also ends any open sequence.
      if (property === "exec") {
        return (...args: Parameters<PGlite["exec"]>) => {
          open = false;
          return target.exec(...args);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
