import pg from "pg";

/**
 * The e2e server's embedded database listens on this loopback port (playwright.config.ts
 * passes TIMEBOX_EMBEDDED_DB_PORT to `npm start`), so a spec can reach the same database
 * the app uses, as an operator with psql would. Nothing in the product is added for it.
 */
export const E2E_DB_PORT = 3101;
export const E2E_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${E2E_DB_PORT}/postgres?sslmode=disable`;

/** Runs `fn` with a direct connection to the e2e database, closed afterwards. */
export async function withE2eDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
