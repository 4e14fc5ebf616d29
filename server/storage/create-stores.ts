import path from "node:path";
import type { FlowAnalyticsStore } from "../../bot/analytics/flow-analytics-ports";
import type { FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import type { IntakeStore } from "../../bot/intake/intake-ports";
import { PersonalDataCipher } from "../security/personal-data-cipher";
import type { BookingStore, Clock, ReminderOutbox, SessionStore } from "../../bot/ports";
import type { AuditLog, StaffSessionStore, UserStore } from "../../bot/staff/staff-ports";
import type { ReadinessCheck } from "../app";
import type { Config } from "../config";
import type { Logger } from "../logging/create-logger";
import { connectRedis, pingRedis } from "./redis/connect-redis";
import { RedisBookingStore } from "./redis/redis-booking-store";
import { RedisFlowAnalyticsStore } from "./redis/redis-flow-analytics-store";
import { RedisFlowVersionStore } from "./redis/redis-flow-version-store";
import { RedisIntakeStore } from "./redis/redis-intake-store";
import { RedisReminderOutbox } from "./redis/redis-reminder-outbox";
import { RedisAuditLog } from "./redis/redis-audit-log";
import { RedisSessionStore } from "./redis/redis-session-store";
import { RedisStaffSessionStore } from "./redis/redis-staff-session-store";
import { RedisUserStore } from "./redis/redis-user-store";
import { openSqlite } from "./sqlite/open-sqlite";
import { SqliteBookingStore } from "./sqlite/sqlite-booking-store";
import { SqliteFlowAnalyticsStore } from "./sqlite/sqlite-flow-analytics-store";
import { SqliteFlowVersionStore } from "./sqlite/sqlite-flow-version-store";
import { SqliteIntakeStore } from "./sqlite/sqlite-intake-store";
import { SqliteReminderOutbox } from "./sqlite/sqlite-reminder-outbox";
import { SqliteAuditLog } from "./sqlite/sqlite-audit-log";
import { SqliteSessionStore } from "./sqlite/sqlite-session-store";
import { SqliteStaffSessionStore } from "./sqlite/sqlite-staff-session-store";
import { SqliteUserStore } from "./sqlite/sqlite-user-store";
import type { CorruptRecordReporter } from "./parse-stored-record";

export type Stores = {
  sessions: SessionStore; bookings: BookingStore; reminders: ReminderOutbox;
  /** Triage intakes for counsellors, sealed at rest. */
  intakes: IntakeStore;
  /** Console accounts, their sessions and the audit trail. */
  users: UserStore; staffSessions: StaffSessionStore; audit: AuditLog;
  /** Published flow versions and the draft admins edit. */
  flowVersions: FlowVersionStore;
  /** Analytics counters per flow version (counts only). */
  analytics: FlowAnalyticsStore;
  readiness: ReadinessCheck; kind: "redis" | "sqlite"; close: () => Promise<void>;
};

/** Redis when REDIS_URL is set (several instances share it), else one SQLite file in DATA_DIR. */
export function createStores(config: Config, logger: Logger, now: Clock, onCorrupt?: () => void): Stores {
  const report: CorruptRecordReporter = (where) => {
    logger.warn(where, "stored record did not parse; starting fresh");
    onCorrupt?.();
  };
  const sealer = PersonalDataCipher.fromConfig(config);
  if (config.REDIS_URL) {
    const redis = connectRedis(config.REDIS_URL, logger);
    // The intake store's WATCH transactions get a connection of their own: on the shared one,
    // another store's MULTI/EXEC would clear the WATCH or be aborted by it.
    const intakeWatching = redis.duplicate();
    intakeWatching.on("error", () => {}); // reported by the shared connection's listener
    return {
      kind: "redis",
      sessions: new RedisSessionStore(redis, config.REDIS_KEY_PREFIX, report),
      bookings: new RedisBookingStore(redis, config.REDIS_KEY_PREFIX, report),
      reminders: new RedisReminderOutbox(redis, config.REDIS_KEY_PREFIX, report),
      intakes: new RedisIntakeStore(redis, intakeWatching, config.REDIS_KEY_PREFIX, sealer, report),
      users: new RedisUserStore(redis, config.REDIS_KEY_PREFIX, report),
      staffSessions: new RedisStaffSessionStore(redis, config.REDIS_KEY_PREFIX, report),
      audit: new RedisAuditLog(redis, config.REDIS_KEY_PREFIX, report),
      flowVersions: new RedisFlowVersionStore(redis, config.REDIS_KEY_PREFIX, report),
      analytics: new RedisFlowAnalyticsStore(redis, config.REDIS_KEY_PREFIX),
      readiness: { name: "redis", check: async () => (await pingRedis(redis)) && pingRedis(intakeWatching) },
      close: async () => {
        await Promise.all([redis, intakeWatching].map((connection) => connection.quit().catch(() => connection.disconnect())));
      },
    };
  }
  const db = openSqlite(path.join(config.DATA_DIR, "hanbeon.sqlite"));
  return {
    kind: "sqlite",
    sessions: new SqliteSessionStore(db, now, report),
    bookings: new SqliteBookingStore(db, report),
    reminders: new SqliteReminderOutbox(db),
    intakes: new SqliteIntakeStore(db, sealer, report),
    users: new SqliteUserStore(db, report),
    staffSessions: new SqliteStaffSessionStore(db, now, report),
    audit: new SqliteAuditLog(db, report),
    flowVersions: new SqliteFlowVersionStore(db, report),
    analytics: new SqliteFlowAnalyticsStore(db),
    readiness: { name: "sqlite", check: async () => db.open && db.prepare("SELECT 1 AS ok").get() !== undefined },
    close: async () => {
      db.close();
    },
  };
}
