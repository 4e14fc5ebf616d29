import type { Redis } from "ioredis";
import type { AuditEntry, AuditLog, AuditQuery } from "../../../bot/staff/staff-ports";
import { storageKeys } from "../storage-keys";
import { execTransaction } from "./exec-transaction";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, storedAuditEntrySchema } from "../stored-staff-schema";
import { parseStoredRecord } from "../parse-stored-record";

/** The audit trail in Redis: entries in one hash, indexed by time and by record (no TTL). */
export class RedisAuditLog implements AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {}

  async appendAudit(entry: AuditEntry): Promise<void> {
    const p = this.prefix;
    const score = Date.parse(entry.at);
    // Throws rather than losing the entry when the transaction does not run.
    await execTransaction(this.redis.multi()
      .hset(storageKeys.auditEntries(p), entry.id, JSON.stringify(entry))
      .zadd(storageKeys.auditByTime(p), score, entry.id)
      .zadd(storageKeys.auditByRecord(p, entry.recordId), score, entry.id), "append audit entry");
  }

  async listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const p = this.prefix;
    const index = query.recordId === undefined ? storageKeys.auditByTime(p) : storageKeys.auditByRecord(p, query.recordId);
    const max = query.to === undefined ? "+inf" : `(${Date.parse(query.to)}`;
    const min = query.from === undefined ? "-inf" : String(Date.parse(query.from));
    const limit = Math.min(query.limit ?? AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT);
    const ids = await this.redis.zrange(index, max, min, "BYSCORE", "REV", "LIMIT", 0, limit);
    if (!ids.length) return [];
    const texts = await this.redis.hmget(storageKeys.auditEntries(p), ...ids);
    return texts.flatMap((text, i) => {
      if (text === null) return [];
      const entry = parseStoredRecord(storedAuditEntrySchema, text, { store: "redis", key: `audit:${ids[i] ?? ""}` }, this.reportCorrupt);
      return entry ? [entry] : [];
    });
  }
}
