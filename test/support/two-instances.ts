import { Redis } from "ioredis";
import type { Runtime } from "../../server/compose";
import { createTestDatabase } from "./postgres-database";
import { SHARED_REDIS_URL, uniquePrefix } from "./redis-server";
import { buildTestApp } from "./test-app";

/**
 * Two app instances on one PostgreSQL (a fresh database) and one Redis (a unique key prefix), as
 * two servers behind a load balancer would run. Registers beforeAll (both ready, migrated, with
 * what is published loaded) and afterAll (both closed, the database dropped, every key deleted).
 */
export function useTwoInstances(name: string, now: string, env: Record<string, string> = {}) {
  const prefix = uniquePrefix(name);
  const database = createTestDatabase(name);
  const shared = { DATABASE_URL: database.url, REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix, REMINDERS_ENABLED: "false", ...env };
  const a = buildTestApp({ env: shared, now });
  const b = buildTestApp({ env: shared, now });

  beforeAll(async () => {
    await Promise.all([a.runtime.ready(), b.runtime.ready()]);
  });

  afterAll(async () => {
    await Promise.all([a.runtime.close(), b.runtime.close()]);
    const redis = new Redis(SHARED_REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await database.drop();
  });
  return { a, b, prefix, database };
}

/**
 * How long a test waits for another instance to take a publish into use. A third of the 30 s
 * fallback poll: what arrives in time came by notification. Not a speed assertion (the machine
 * may be loaded); the publish-to-apply latency is measured by the bench.
 */
export const NOTIFIED_WITHIN_MS = 10_000;

/**
 * Resolves when `runtime` takes version `version` of document `documentId` into use, and fails
 * if that has not happened within NOTIFIED_WITHIN_MS. Register it before the publish.
 */
export function whenApplied(runtime: Runtime, documentId: string, version: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${documentId} v${version} was not applied within ${NOTIFIED_WITHIN_MS} ms`)), NOTIFIED_WITHIN_MS);
    runtime.documents.onApplied((id, applied) => {
      if (id === documentId && applied >= version) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
