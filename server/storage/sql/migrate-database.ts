import type { MigrationResult } from "kysely/migration";
import { Migrator } from "kysely/migration";
import type { Db } from "./database-schema";
import { migrations } from "./migrations";

/**
 * Brings the schema up to the newest migration (migrations.ts), recording each in
 * `kysely_migration`. On PostgreSQL a lock row keeps two instances starting at once from running
 * one twice; on SQLite the caller holds the file's write lock around the whole run (see
 * open-database.ts). On PostgreSQL a run that failed is tried again twice before giving up. Returns the names applied now (none when the schema was current). Throws when one fails: the
 * failed migration's transaction is rolled back and the process must not serve.
 */
export async function migrateDatabase(db: Db, options: { disableTransactions?: boolean; attempts?: number } = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, disableTransactions: options.disableTransactions ?? false });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (error === undefined) return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
    if (attempt >= (options.attempts ?? MIGRATION_ATTEMPTS)) throw new Error(`database migration failed: ${describe(results)}`, { cause: error });
  }
}

const MIGRATION_ATTEMPTS = 3;

function describe(results: readonly MigrationResult[] | undefined): string {
  return results?.find((r) => r.status === "Error")?.migrationName ?? "before any migration ran";
}
