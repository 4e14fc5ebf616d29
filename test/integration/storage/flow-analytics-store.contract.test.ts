import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import type { FlowAnalyticsStore } from "../../../bot/analytics/flow-analytics-ports";
import { RedisFlowAnalyticsStore } from "../../../server/storage/redis/redis-flow-analytics-store";
import { openSqlite } from "../../../server/storage/sqlite/open-sqlite";
import { SqliteFlowAnalyticsStore } from "../../../server/storage/sqlite/sqlite-flow-analytics-store";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";

type Harness = { store: FlowAnalyticsStore; close: () => Promise<void> };

const implementations: Array<[string, () => Promise<Harness>]> = [
  ["redis", async () => {
    const redis = new Redis(SHARED_REDIS_URL);
    const prefix = uniquePrefix("analytics");
    return {
      store: new RedisFlowAnalyticsStore(redis, prefix),
      close: async () => {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      },
    };
  }],
  ["sqlite", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-analytics-"));
    const db = openSqlite(path.join(dir, "test.sqlite"));
    return { store: new SqliteFlowAnalyticsStore(db), close: async () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }],
];

describe.each(implementations)("FlowAnalyticsStore contract (%s)", (_name, make) => {
  let h: Harness;
  beforeEach(async () => { h = await make(); });
  afterEach(async () => { await h.close(); });

  it("when events are added, then each counter grows by how often it was named", async () => {
    await h.store.add("default", 2, ["started", "reached:consent"]);
    await h.store.add("default", 2, ["reached:consent", "answered:consent", "answered:consent"]);
    expect(await h.store.read("default", 2)).toEqual({ "started": 1, "reached:consent": 2, "answered:consent": 2 });
  });

  it("when versions and flows differ, then their counters are kept apart", async () => {
    await h.store.add("default", 1, ["started"]);
    await h.store.add("default", 3, ["started", "finished"]);
    await h.store.add("other", 1, ["booked"]);
    expect(await h.store.read("default", 1)).toEqual({ started: 1 });
    expect(await h.store.read("default", 3)).toEqual({ started: 1, finished: 1 });
    expect(await h.store.read("other", 1)).toEqual({ booked: 1 });
    expect(await h.store.versions("default")).toEqual([1, 3]);
  });

  it("when nothing was counted, then a version reads as empty and no version is listed", async () => {
    await h.store.add("default", 4, []);
    expect(await h.store.read("default", 4)).toEqual({});
    expect(await h.store.versions("default")).toEqual([]);
  });

  it("when many writers add at once, then no count is lost", async () => {
    await Promise.all(Array.from({ length: 50 }, () => h.store.add("default", 1, ["started", "reached:consent"])));
    expect(await h.store.read("default", 1)).toEqual({ "started": 50, "reached:consent": 50 });
  });
});
