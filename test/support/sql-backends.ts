import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SqlDatabase } from "../../server/storage/sql/open-database";
import { openDatabase } from "../../server/storage/sql/open-database";
import { createTestDatabase } from "./postgres-database";

/** A record store for a contract test: the opened database (migrated on first use) and its removal. */
export type SqlBackend = { sql: SqlDatabase; close: () => Promise<void> };

/**
 * The two SQL engines every store contract runs on, for `describe.each`: SQLite in a fresh
 * directory and PostgreSQL in a fresh database. `open` may be called again for a second
 * connection to the same store (another instance); `close` closes them all and removes the store.
 */
export function sqlBackends(name: string): Array<[string, () => { open: () => SqlDatabase; close: () => Promise<void> }]> {
  return [
    ["sqlite", () => {
      const dir = mkdtempSync(path.join(tmpdir(), `hanbeon-${name}-`));
      const opened: SqlDatabase[] = [];
      return {
        open: () => {
          const sql = openDatabase({ dataDir: dir });
          opened.push(sql);
          return sql;
        },
        close: async () => {
          await Promise.all(opened.map((sql) => sql.close()));
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }],
    ["postgres", () => {
      const database = createTestDatabase(name);
      const opened: SqlDatabase[] = [];
      return {
        open: () => {
          const sql = openDatabase({ dataDir: "", databaseUrl: database.url, poolSize: 5 });
          opened.push(sql);
          return sql;
        },
        close: async () => {
          await Promise.all(opened.map((sql) => sql.close()));
          await database.drop();
        },
      };
    }],
  ];
}
