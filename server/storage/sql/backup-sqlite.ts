import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SQLITE_FILE } from "./open-database";

/**
 * Writes a consistent copy of the embedded store with VACUUM INTO: one read transaction, so the
 * copy is the database at one instant even while the server writes (WAL). Returns the file
 * written (default: `<dataDir>/backups/hanbeon-<UTC time>.sqlite`); refuses to overwrite.
 */
export async function backupSqlite(dataDir: string, target?: string): Promise<string> {
  const source = path.join(dataDir, SQLITE_FILE);
  if (!existsSync(source)) throw new Error(`no embedded store at ${source}`);
  const file = path.resolve(target ?? path.join(dataDir, "backups", `hanbeon-${new Date().toISOString().replace(/[:.]/g, "-")}.sqlite`));
  if (existsSync(file)) throw new Error(`${file} exists; name another file`);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.prepare("VACUUM INTO ?").run(file);
  } finally {
    db.close();
  }
  chmodSync(file, 0o600);
  return file;
}
