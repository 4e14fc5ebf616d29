import type { Redis } from "ioredis";
import type { StaffSession, StaffSessionStore } from "../../../bot/staff/staff-ports";
import { storageKeys } from "../storage-keys";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { hashSessionId, storedStaffSessionSchema, toStoredStaffSession } from "../stored-staff-schema";
import { parseStoredRecord } from "../parse-stored-record";

/** Console sessions in Redis, keyed by the SHA-256 of their id, with a TTL that restarts on touch. */
export class RedisStaffSessionStore implements StaffSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {}

  async createStaffSession(session: StaffSession, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.key(session.id), JSON.stringify(toStoredStaffSession(session)), "EX", ttlSeconds);
  }

  async findStaffSession(id: string): Promise<StaffSession | undefined> {
    const key = this.key(id);
    const text = await this.redis.get(key);
    if (text === null) return undefined;
    const stored = parseStoredRecord(storedStaffSessionSchema, text, { store: "redis", key }, this.reportCorrupt);
    return stored && { id, ...stored };
  }

  async touchStaffSession(id: string, lastSeenAt: string, ttlSeconds: number): Promise<void> {
    const session = await this.findStaffSession(id);
    if (!session) return;
    await this.redis.set(this.key(id), JSON.stringify(toStoredStaffSession({ ...session, lastSeenAt })), "EX", ttlSeconds, "XX");
  }

  async deleteStaffSession(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  private key(id: string): string {
    return storageKeys.staffSession(this.prefix, hashSessionId(id));
  }
}
