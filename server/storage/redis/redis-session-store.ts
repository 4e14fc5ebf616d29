import type { Redis } from "ioredis";
import type { SessionKey, SessionStore } from "../../../bot/ports";
import type { StoredSession } from "../../../bot/conversation/stored-session";
import type { CorruptRecordReporter } from "../parse-stored-record";
import type { SessionRecordCodec } from "../session-record-codec";
import { openSessionRecord } from "../session-record-codec";

/**
 * Chat sessions in Redis, shared by every instance: one string per conversation whose TTL
 * restarts on every save. Fleeting by design: a Redis without persistence loses them on restart
 * (the resident starts again; see `onMissing`), never a booking, intake or audit entry.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly codec: SessionRecordCodec,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {}

  async findSession(key: SessionKey): Promise<StoredSession | undefined> {
    const id = this.codec.idOf(key);
    const stored = await this.redis.get(this.keyOf(id));
    return stored === null ? undefined : openSessionRecord(this.codec, stored, { store: "redis", key: id }, this.reportCorrupt);
  }

  async saveSession(key: SessionKey, session: StoredSession, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.keyOf(this.codec.idOf(key)), this.codec.encode(JSON.stringify(session)), "EX", Math.max(1, Math.round(ttlSeconds)));
  }

  async eraseSession(key: SessionKey): Promise<boolean> {
    return (await this.redis.del(this.keyOf(this.codec.idOf(key)))) > 0;
  }

  private keyOf(id: string): string {
    return `${this.prefix}session:${id}`;
  }
}
