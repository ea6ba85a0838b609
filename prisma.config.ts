import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// `prisma generate` never connects but needs a well-formed URL to stay offline.
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://placeholder@127.0.0.1:5432/placeholder";
process.env.DATABASE_URL = databaseUrl;

// Workaround for prisma/orm#27403: the JS schema engine cannot deserialize the
// Postgres `name` (oid 19) and `"char"` (oid 18) columns that its introspection
// queries return through adapter-pg. Reporting them as `text` (oid 25) is exact
// for their text-protocol values. CLI only; the app's client never needs it.
function relabelNameTypes<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as pg.QueryResult | undefined)?.fields ?? []) {
      if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
    }
  }
  return result;
}

function withRelabeledResults(target: { query: unknown }) {
  const query = (target.query as (...args: unknown[]) => unknown).bind(target);
  target.query = (...args: unknown[]) => {
    const out = query(...args);
    return out instanceof Promise ? out.then(relabelNameTypes) : out;
  };
}

function poolWithNameTypesAsText(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  withRelabeledResults(pool as unknown as { query: unknown });
  pool.on("connect", (client) => withRelabeledResults(client as unknown as { query: unknown }));
  return pool;
}

// adapter-pg runs a migration script by splitting it on every ";", which breaks
// function bodies (our append-only audit trigger). Sending the script whole uses
// the simple query protocol, which also makes each migration file atomic.
function withWholeScriptExecution(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const pool = adapter.underlyingDriver() as pg.Pool;
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    return adapter;
  };
  return factory;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => withWholeScriptExecution(new PrismaPg(poolWithNameTypesAsText(databaseUrl), { disposeExternalPool: true })),
});
