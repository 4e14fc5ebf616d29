import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import { SHARED_REDIS_URL, uniquePrefix } from "./redis-server";

export type StoreBackend = {
  /** The environment that points the app at this store. */
  env: Record<string, string>;
  /** Everything the store keeps (the named SQLite tables; the Redis keys not skipped), as text, to check what is kept. */
  dumpRaw: () => Promise<string>;
  cleanup: () => Promise<void>;
};

/**
 * The two real stores a suite runs against, for `describe.each`: SQLite in a fresh directory and
 * the shared Redis under a unique key prefix. `sqliteTables` are the tables `dumpRaw` reads;
 * Redis keys starting with the prefix plus one of `skipRedisKeys` (such as "session:") are left out.
 */
export function storeBackends(name: string, options: { sqliteTables?: readonly string[]; skipRedisKeys?: readonly string[] } = {}): Array<[string, () => StoreBackend]> {
  const { sqliteTables = [], skipRedisKeys = [] } = options;
  return [
    ["sqlite", () => {
      const dir = mkdtempSync(path.join(tmpdir(), `hanbeon-${name}-`));
      return {
        env: { DATA_DIR: dir },
        dumpRaw: async () => {
          const db = new Database(path.join(dir, "hanbeon.sqlite"), { readonly: true });
          const rows = sqliteTables.map((table) => db.prepare(`SELECT * FROM ${table}`).all());
          db.close();
          return JSON.stringify(rows);
        },
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    }],
    ["redis", () => {
      const prefix = uniquePrefix(name);
      const redis = new Redis(SHARED_REDIS_URL);
      const keptKeys = async () => (await redis.keys(`${prefix}*`)).filter((key) => !skipRedisKeys.some((skip) => key.startsWith(`${prefix}${skip}`)));
      return {
        env: { REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix },
        dumpRaw: async () => {
          const keys = await keptKeys();
          const values = await Promise.all(keys.map(async (key) => {
            const type = await redis.type(key);
            if (type === "string") return redis.get(key);
            if (type === "hash") return JSON.stringify(await redis.hgetall(key));
            if (type === "set") return (await redis.smembers(key)).join(",");
            return (await redis.zrange(key, "0", "-1")).join(",");
          }));
          return JSON.stringify([keys, values]);
        },
        cleanup: async () => {
          const keys = await redis.keys(`${prefix}*`);
          if (keys.length) await redis.del(...keys);
          await redis.quit();
        },
      };
    }],
  ];
}
