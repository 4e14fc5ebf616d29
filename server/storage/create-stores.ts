import path from "node:path";
import type { BookingStore, Clock, ReminderOutbox, SessionStore } from "../../bot/ports";
import type { ReadinessCheck } from "../app";
import type { Config } from "../config";
import type { Logger } from "../logging/create-logger";
import { connectRedis, pingRedis } from "./redis/connect-redis";
import { RedisBookingStore } from "./redis/redis-booking-store";
import { RedisReminderOutbox } from "./redis/redis-reminder-outbox";
import { RedisSessionStore } from "./redis/redis-session-store";
import { openSqlite } from "./sqlite/open-sqlite";
import { SqliteBookingStore } from "./sqlite/sqlite-booking-store";
import { SqliteReminderOutbox } from "./sqlite/sqlite-reminder-outbox";
import { SqliteSessionStore } from "./sqlite/sqlite-session-store";
import type { CorruptRecordReporter } from "./stored-session-schema";

export type Stores = { sessions: SessionStore; bookings: BookingStore; reminders: ReminderOutbox; readiness: ReadinessCheck; kind: "redis" | "sqlite"; close: () => Promise<void> };

/** Redis when REDIS_URL is set (several instances share it), else one SQLite file in DATA_DIR. */
export function createStores(config: Config, logger: Logger, now: Clock, onCorrupt?: () => void): Stores {
  const report: CorruptRecordReporter = (where) => {
    logger.warn(where, "stored record did not parse; starting fresh");
    onCorrupt?.();
  };
  if (config.REDIS_URL) {
    const redis = connectRedis(config.REDIS_URL, logger);
    return {
      kind: "redis",
      sessions: new RedisSessionStore(redis, config.REDIS_KEY_PREFIX, report),
      bookings: new RedisBookingStore(redis, config.REDIS_KEY_PREFIX, report),
      reminders: new RedisReminderOutbox(redis, config.REDIS_KEY_PREFIX, report),
      readiness: { name: "redis", check: () => pingRedis(redis) },
      close: async () => {
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  }
  const db = openSqlite(path.join(config.DATA_DIR, "hanbeon.sqlite"));
  return {
    kind: "sqlite",
    sessions: new SqliteSessionStore(db, now, report),
    bookings: new SqliteBookingStore(db, report),
    reminders: new SqliteReminderOutbox(db),
    readiness: { name: "sqlite", check: async () => db.open && db.prepare("SELECT 1 AS ok").get() !== undefined },
    close: async () => {
      db.close();
    },
  };
}
