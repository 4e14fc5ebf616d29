import { Redis } from "ioredis";
import request from "supertest";
import { SHARED_REDIS_URL, uniquePrefix } from "./redis-server";
import { buildTestApp } from "./test-app";

/**
 * Two app instances on the shared Redis under one key prefix, as two servers behind a load
 * balancer would run. Registers beforeAll (both ready, with what is published loaded) and
 * afterAll (both closed, every key under the prefix deleted).
 */
export function useTwoInstancesOnSharedRedis(name: string, now: string) {
  const prefix = uniquePrefix(name);
  const env = { REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix, REMINDERS_ENABLED: "false" };
  const a = buildTestApp({ env, now });
  const b = buildTestApp({ env, now });

  beforeAll(async () => {
    for (const app of [a.app, b.app]) {
      for (let i = 0; i < 50 && (await request(app).get("/readyz")).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all([a.runtime.ready(), b.runtime.ready()]);
  });

  afterAll(async () => {
    await Promise.all([a.runtime.close(), b.runtime.close()]);
    const redis = new Redis(SHARED_REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });
  return { a, b, prefix };
}
