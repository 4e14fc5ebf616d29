/**
 * `npm run backup [-- FILE]`: a consistent copy of the embedded store (SQLite's VACUUM INTO, safe
 * while the server runs), by default `DATA_DIR/backups/hanbeon-<UTC time>.sqlite`, created 0600.
 * To restore, stop the server and put the copy in place of DATA_DIR/hanbeon.sqlite. For
 * PostgreSQL use pg_dump (docs/operations.md).
 */
import { backupSqlite } from "../server/storage/sql/backup-sqlite";
import { parseConfig } from "../server/config";

async function main(argv: string[]): Promise<void> {
  const config = parseConfig(process.env);
  if (config.DATABASE_URL !== undefined) throw new Error("DATABASE_URL is set: back PostgreSQL up with pg_dump (docs/operations.md)");
  const file = await backupSqlite(config.DATA_DIR, argv[0]);
  console.log(`backed up to ${file}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
