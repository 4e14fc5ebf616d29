import type { Redis } from "ioredis";
import type { SessionKey, SessionStore, StoredSession } from "../../../bot/ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredRecord } from "../parse-stored-record";
import { storedSessionSchema } from "../stored-session-schema";
import { storageKeys } from "../storage-keys";

/** Sessions in Redis: one JSON string per conversation whose TTL restarts on every save. */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {}

  async findSession(key: SessionKey): Promise<StoredSession | undefined> {
    const redisKey = storageKeys.session(this.prefix, key);
    const text = await this.redis.get(redisKey);
    return text === null ? undefined : parseStoredRecord(storedSessionSchema, text, { store: "redis", key: storageKeys.sessionId(key) }, this.reportCorrupt);
  }

  async saveSession(key: SessionKey, session: StoredSession, ttlSeconds: number): Promise<void> {
    await this.redis.set(storageKeys.session(this.prefix, key), JSON.stringify(session), "EX", ttlSeconds);
  }

  async eraseSession(key: SessionKey): Promise<boolean> {
    return (await this.redis.del(storageKeys.session(this.prefix, key))) > 0;
  }
}
