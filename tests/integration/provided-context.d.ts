// Values tests/integration/global-setup.ts provides to test files through `inject()`.
declare module "vitest" {
  export interface ProvidedContext {
    /** postgresql:// URL of this run's fresh, migrated database. */
    databaseUrl: string;
    /** Which server it is on, for the rare test that must differ. */
    testDb: "pglite" | "postgres";
  }
}

export {};
