import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { createTestDatabase, dumpPostgres } from "./postgres-database";
import { SHARED_REDIS_URL, uniquePrefix } from "./redis-server";
import { TEST_DATA_KEY } from "./test-app";

export type StoreBackend = {
  /** The environment that points the app at this store. */
  env: Record<string, string>;
  /** Everything the named tables hold (and, with Redis, every key not skipped), as text, to check what is kept. */
  dumpRaw: () => Promise<string>;
  cleanup: () => Promise<void>;
};

export type StoreBackendOptions = { tables?: readonly string[]; skipRedisKeys?: readonly string[] };

/**
 * The real stores a suite runs against, for `describe.each`: the embedded SQLite in a fresh
 * directory (records and sessions, one instance), and PostgreSQL in a fresh database with the
 * shared Redis under a unique key prefix (records in SQL, sessions and counters in Redis: the
 * several-instance shape). `tables` are the tables `dumpRaw` reads; Redis keys starting with the
 * prefix plus one of `skipRedisKeys` (such as "session:") are left out.
 */
export function storeBackends(name: string, options: StoreBackendOptions = {}): Array<[string, () => StoreBackend]> {
  return [["sqlite", () => sqliteBackend(name, options)], ["postgres+redis", () => postgresRedisBackend(name, options)]];
}

export function sqliteBackend(name: string, options: StoreBackendOptions = {}): StoreBackend {
  const dir = mkdtempSync(path.join(tmpdir(), `hanbeon-${name}-`));
  return {
    env: { DATA_DIR: dir, DATA_ENCRYPTION_KEY: TEST_DATA_KEY },
    dumpRaw: async () => {
      const db = new Database(path.join(dir, "hanbeon.sqlite"), { readonly: true });
      const rows = (options.tables ?? []).map((table) => db.prepare(`SELECT * FROM ${table}`).all());
      db.close();
      return JSON.stringify(rows);
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresRedisBackend(name: string, options: StoreBackendOptions = {}): StoreBackend {
  const database = createTestDatabase(name);
  const prefix = uniquePrefix(name);
  const redis = new Redis(SHARED_REDIS_URL);
  const keptKeys = async () => (await redis.keys(`${prefix}*`)).filter((key) => !(options.skipRedisKeys ?? []).some((skip) => key.startsWith(`${prefix}${skip}`)));
  return {
    env: { DATABASE_URL: database.url, REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix, DATA_ENCRYPTION_KEY: TEST_DATA_KEY },
    dumpRaw: async () => {
      const keys = await keptKeys();
      const values = await Promise.all(keys.map((key) => redis.get(key).catch(() => "")));
      return `${await dumpPostgres(database.url, options.tables ?? [])}${JSON.stringify([keys, values])}`;
    },
    cleanup: async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await database.drop();
    },
  };
}
