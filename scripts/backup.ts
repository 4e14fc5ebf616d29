/**
 * `npm run backup [-- FILE]`: a consistent copy of the embedded store with SQLite's VACUUM INTO
 * (one read transaction: the database at one instant, even while the server writes), by default
 * `DATA_DIR/backups/hanbeon-<UTC time>.sqlite`, created 0600; an existing file is never
 * overwritten. To restore, stop the server and put the copy in place of DATA_DIR/hanbeon.sqlite.
 * For PostgreSQL use pg_dump (docs/operations.md).
 */
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parseConfig } from "../server/config";
import { SQLITE_FILE } from "../server/storage/sql/open-database";

function main(argv: string[]): void {
  const config = parseConfig(process.env);
  if (config.DATABASE_URL !== undefined) throw new Error("DATABASE_URL is set: back PostgreSQL up with pg_dump (docs/operations.md)");
  const source = path.join(config.DATA_DIR, SQLITE_FILE);
  if (!existsSync(source)) throw new Error(`no embedded store at ${source}`);
  const file = path.resolve(argv[0] ?? path.join(config.DATA_DIR, "backups", `hanbeon-${new Date().toISOString().replace(/[:.]/g, "-")}.sqlite`));
  if (existsSync(file)) throw new Error(`${file} exists; name another file`);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.prepare("VACUUM INTO ?").run(file);
  } finally {
    db.close();
  }
  chmodSync(file, 0o600);
  console.log(`backed up to ${file}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
