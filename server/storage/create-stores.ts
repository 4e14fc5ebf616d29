import type { FlowAnalyticsStore } from "../../bot/analytics/flow-analytics-ports";
import type { FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import type { IntakeStore } from "../../bot/intake/intake-ports";
import type { BookingStore, Clock, SessionStore } from "../../bot/ports";
import type { AuditLog, StaffSessionStore, UserStore } from "../../bot/staff/staff-ports";
import type { ReadinessCheck } from "../app";
import type { Config } from "../config";
import { createMemoryCounters } from "../http/memory-counters";
import type { SharedCounters } from "../http/shared-counters";
import type { Logger } from "../logging/create-logger";
import { loadDataEncryptionKey } from "../security/data-encryption-key";
import { PersonalDataCipher } from "../security/personal-data-cipher";
import type { CorruptRecordReporter } from "./parse-stored-record";
import { connectRedis, pingRedis } from "./redis/connect-redis";
import type { PublishChannel } from "./redis/publish-channel";
import { createPublishChannel } from "./redis/publish-channel";
import { createRedisCounters } from "./redis/redis-counters";
import { RedisSessionStore } from "./redis/redis-session-store";
import { sealedSessionCodec } from "./session-record-codec";
import type { SqlDatabase } from "./sql/open-database";
import { openDatabase } from "./sql/open-database";
import { SqlAnalyticsStore } from "./sql/sql-analytics-store";
import { SqlAuditLog } from "./sql/sql-audit-log";
import { SqlBookingStore } from "./sql/sql-booking-store";
import { SqlDocumentStore } from "./sql/sql-document-store";
import { SqlIntakeStore } from "./sql/sql-intake-store";
import { SqlOutbox } from "./sql/sql-outbox";
import { SqlRetention } from "./sql/sql-retention";
import { SqlSessionStore } from "./sql/sql-session-store";
import { SqlStaffSessionStore } from "./sql/sql-staff-session-store";
import { SqlUserStore } from "./sql/sql-user-store";

/** What the rest of the server sees of storage: the ports of bot/, and the few SQL-only parts it runs itself. */
export type Stores = {
  /** Records: SQLite in DATA_DIR, or PostgreSQL with DATABASE_URL. */
  records: SqlDatabase["engine"];
  /** What is shared and fleeting (sessions, counters, publish notices): Redis with REDIS_URL, else this instance's SQL store and memory. */
  shared: "redis" | "local";
  sessions: SessionStore; bookings: BookingStore; intakes: IntakeStore;
  users: UserStore; staffSessions: StaffSessionStore; audit: AuditLog;
  /** Versioned admin documents: flows, rule parameters and the schedule. */
  documents: FlowVersionStore;
  analytics: FlowAnalyticsStore;
  /** Day-before reminders and the events of committed changes (one outbox table). */
  outbox: SqlOutbox;
  retention: SqlRetention;
  /** Limits and lockouts; shared by every instance with Redis. */
  counters: SharedCounters;
  /** Seals names, phones, intakes and chat sessions; its subkeys are derived once, here. */
  cipher: PersonalDataCipher;
  /** Publish notifications between instances (Redis only). */
  publishChannel: PublishChannel | undefined;
  database: SqlDatabase;
  readiness: ReadinessCheck[];
  close: () => Promise<void>;
};

export type StoreOptions = {
  /** Told of a stored record that did not parse (the metric), after it is logged. */
  onCorrupt?: () => void;
  /** Told when Redis comes back as a new server (restarted): chat sessions may be gone (the metric). */
  onRedisRestart?: () => void;
};

/**
 * Records in SQL (PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR), migrated on open; with
 * REDIS_URL, chat sessions, shared counters and publish notifications in Redis, else this
 * instance's SQL store and memory. Personal data (names, phones, intakes, chat sessions) is sealed
 * under DATA_ENCRYPTION_KEY, or a key generated into DATA_DIR (data-encryption-key.ts).
 */
export function createStores(config: Config, logger: Logger, now: Clock, options: StoreOptions = {}): Stores {
  const report: CorruptRecordReporter = (where) => {
    logger.warn(where, "stored record did not parse; starting fresh");
    options.onCorrupt?.();
  };
  const dataKey = loadDataEncryptionKey(config);
  if (dataKey.file !== undefined) {
    logger.warn({ file: dataKey.file }, "DATA_ENCRYPTION_KEY is not set: personal data is sealed with the key generated in this file; keep it with the data, and set the same DATA_ENCRYPTION_KEY on every instance when there are several");
  }
  const cipher = new PersonalDataCipher(dataKey.key);
  const codec = sealedSessionCodec(cipher);
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE });
  const redis = config.REDIS_URL === undefined ? undefined : connectRedis(config.REDIS_URL, logger, options.onRedisRestart);
  const publishChannel = redis && createPublishChannel(redis, config.REDIS_KEY_PREFIX, logger);
  const readiness: ReadinessCheck[] = [{ name: database.engine, check: async () => (await database.ready.then(() => true, () => false)) && database.ping() }];
  if (redis) readiness.push({ name: "redis", check: () => pingRedis(redis) });
  return {
    records: database.engine, database, cipher, readiness,
    shared: redis ? "redis" : "local",
    bookings: new SqlBookingStore(database, report),
    outbox: new SqlOutbox(database),
    intakes: new SqlIntakeStore(database, cipher, report),
    users: new SqlUserStore(database, report),
    staffSessions: new SqlStaffSessionStore(database, now, report),
    audit: new SqlAuditLog(database, report),
    documents: new SqlDocumentStore(database, report),
    analytics: new SqlAnalyticsStore(database),
    retention: new SqlRetention(database, { bookingDays: config.BOOKING_RETENTION_DAYS }),
    sessions: redis ? new RedisSessionStore(redis, config.REDIS_KEY_PREFIX, codec, report) : new SqlSessionStore(database, now, codec, report),
    counters: redis ? createRedisCounters(redis, config.REDIS_KEY_PREFIX, now) : createMemoryCounters(now),
    publishChannel,
    close: async () => {
      await publishChannel?.close();
      await redis?.quit().catch(() => redis.disconnect());
      await database.close();
    },
  };
}
