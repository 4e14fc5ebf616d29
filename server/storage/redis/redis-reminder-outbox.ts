import type { ClientContext, Redis, Result } from "ioredis";
import { z } from "zod";
import type { OutboxEntry, ReminderOutbox } from "../../../bot/ports";
import { toEpochMs } from "../stored-booking-schema";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { storageKeys } from "../storage-keys";

declare module "ioredis" {
  interface RedisCommander<Context extends ClientContext = { type: "default" }> {
    hanbeonReminderEnqueue(...args: Array<string | number>): Result<unknown, Context>;
    hanbeonReminderClaim(...args: Array<string | number>): Result<unknown, Context>;
    hanbeonReminderClose(...args: Array<string | number>): Result<unknown, Context>;
    hanbeonReminderFail(...args: Array<string | number>): Result<unknown, Context>;
  }
}

/** Closed (sent or skipped) entries are kept this long, well past the day they were for. */
const CLOSED_RETENTION_SECONDS = 35 * 86_400;

// KEYS: entry hash, due set. ARGV: id, bookingCode, dueAt, createdAt, due (epoch ms).
const ENQUEUE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'bookingCode', ARGV[2], 'dueAt', ARGV[3], 'createdAt', ARGV[4], 'status', 'pending', 'attempts', 0)
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
return 1`;

// The due set's score is when an entry may next be claimed: its due time, its next attempt, or
// the end of its lease. Claiming moves the score to the lease's end, so a lapsed lease is due again.
// KEYS: due set. ARGV: now (ms), limit, lease end (ms), lease end (ISO), worker, entry key prefix.
// The entries' keys come from ids found in the set, so this one script builds keys (prefix .. id).
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local key = ARGV[6] .. id
  if redis.call('HGET', key, 'status') == 'pending' then
    local attempts = redis.call('HINCRBY', key, 'attempts', 1)
    redis.call('HSET', key, 'leasedBy', ARGV[5], 'leaseUntil', ARGV[4])
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    local f = redis.call('HMGET', key, 'bookingCode', 'dueAt', 'createdAt')
    table.insert(out, cjson.encode({ id = id, bookingCode = f[1], dueAt = f[2], createdAt = f[3], attempts = attempts, leaseUntil = ARGV[4] }))
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out`;

// KEYS: entry hash, due set. ARGV: id, status, field, value, closed at, retention (s), only if pending (1/0).
const CLOSE = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 0 end
if ARGV[7] == '1' and status ~= 'pending' then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], ARGV[3], ARGV[4], 'closedAt', ARGV[5])
redis.call('HDEL', KEYS[1], 'leasedBy', 'leaseUntil')
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[6])
return 1`;

// KEYS: entry hash, due set. ARGV: id, error, next attempt (ISO), next attempt (ms).
const FAIL = `
if redis.call('HGET', KEYS[1], 'status') ~= 'pending' then return 0 end
redis.call('HSET', KEYS[1], 'lastError', ARGV[2], 'nextAttemptAt', ARGV[3])
redis.call('HDEL', KEYS[1], 'leasedBy', 'leaseUntil')
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return 1`;

const claimedSchema = z.strictObject({
  id: z.string().min(1),
  bookingCode: z.string().min(1),
  dueAt: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
  attempts: z.number().int().min(1),
  leaseUntil: z.iso.datetime({ offset: true }),
});

/**
 * The reminder outbox in Redis: a hash per entry and one sorted set of entry ids scored by when
 * each may next be claimed. Every change is one Lua script, so claims from several instances
 * never lease the same entry twice.
 */
export class RedisReminderOutbox implements ReminderOutbox {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {
    redis.defineCommand("hanbeonReminderEnqueue", { numberOfKeys: 2, lua: ENQUEUE });
    redis.defineCommand("hanbeonReminderClaim", { numberOfKeys: 1, lua: CLAIM });
    redis.defineCommand("hanbeonReminderClose", { numberOfKeys: 2, lua: CLOSE });
    redis.defineCommand("hanbeonReminderFail", { numberOfKeys: 2, lua: FAIL });
  }

  async enqueue(entry: { id: string; bookingCode: string; dueAt: string; createdAt: string }): Promise<boolean> {
    const added = await this.redis.hanbeonReminderEnqueue(this.entryKey(entry.id), this.dueKey(), entry.id, entry.bookingCode, entry.dueAt, entry.createdAt, toEpochMs(entry.dueAt));
    return added === 1;
  }

  async claimDue(input: { now: string; limit: number; leaseSeconds: number; worker: string }): Promise<OutboxEntry[]> {
    const nowMs = toEpochMs(input.now);
    const leaseEndMs = nowMs + input.leaseSeconds * 1000;
    const leaseUntil = new Date(leaseEndMs).toISOString();
    const result = await this.redis.hanbeonReminderClaim(this.dueKey(), nowMs, input.limit, leaseEndMs, leaseUntil, input.worker, this.entryKey(""));
    const texts = z.array(z.string()).parse(result);
    const entries: OutboxEntry[] = [];
    for (const text of texts) {
      const parsed = claimedSchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        entries.push(parsed.data);
        continue;
      }
      // A damaged entry would be claimed on every cycle: report it and close it.
      const id = z.object({ id: z.string().min(1) }).safeParse(JSON.parse(text));
      this.reportCorrupt({ store: "redis", key: id.success ? id.data.id : "reminder", issues: parsed.error.issues.length });
      if (id.success) await this.markSkipped(id.data.id, "corrupt", input.now);
    }
    return entries;
  }

  async markSent(id: string, now: string): Promise<void> {
    await this.close(id, "sent", "sentAt", now, now, false);
  }

  async markSkipped(id: string, reason: string, now: string): Promise<void> {
    await this.close(id, "skipped", "skipReason", reason, now, true);
  }

  async markFailed(id: string, error: string, nextAttemptAt: string): Promise<void> {
    await this.redis.hanbeonReminderFail(this.entryKey(id), this.dueKey(), id, error.slice(0, 500), nextAttemptAt, toEpochMs(nextAttemptAt));
  }

  /** Sent wins over every other state (the message is out); skipping closes only pending entries. */
  private async close(id: string, status: "sent" | "skipped", field: string, value: string, now: string, onlyPending: boolean): Promise<void> {
    await this.redis.hanbeonReminderClose(this.entryKey(id), this.dueKey(), id, status, field, value, now, CLOSED_RETENTION_SECONDS, onlyPending ? "1" : "0");
  }

  private entryKey(id: string): string {
    return storageKeys.reminder(this.prefix, id);
  }

  private dueKey(): string {
    return storageKeys.remindersDue(this.prefix);
  }
}
