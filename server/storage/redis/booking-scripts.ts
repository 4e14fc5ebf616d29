import type { ClientContext, Result } from "ioredis";

/**
 * The Lua scripts behind RedisBookingStore. Each runs atomically inside Redis, so capacity
 * checks and writes of several instances never interleave. Every key is passed in KEYS (built by
 * storage-keys.ts); a script never builds a key itself. Holds are scored by expiry and pruned by
 * the script with the caller's clock, so expiry follows the same clock as the rest of the app.
 */
declare module "ioredis" {
  interface RedisCommander<Context extends ClientContext = { type: "default" }> {
    hanbeonBook(...args: Array<string | number>): Result<unknown, Context>;
    hanbeonHold(...args: Array<string | number>): Result<unknown, Context>;
    hanbeonMove(...args: Array<string | number>): Result<unknown, Context>;
    hanbeonSetStatus(...args: Array<string | number>): Result<unknown, Context>;
  }
}

/**
 * KEYS: slotBookings, slotHolds, phoneBookings, idempotency, booking, bookingsByStart, slotsByStart.
 * ARGV: nowMs, capacity, holderId ("" for none), bookingJson, code, startMs, slotId,
 * useIdempotency ("1"/"0"), idempotencyTtlMs.
 * Returns {"replayed", json} | {"active", code} | {"taken"} | {"code_taken"} | {"booked"}.
 */
export const BOOK_LUA = `
local now = tonumber(ARGV[1])
if ARGV[8] == '1' then
  local previous = redis.call('GET', KEYS[4])
  if previous then
    local record = redis.call('GET', previous)
    if record then return {'replayed', record} end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local active = redis.call('ZRANGE', KEYS[3], 0, 0)
if #active > 0 then return {'active', active[1]} end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local taken = redis.call('SCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
if ARGV[3] ~= '' and redis.call('ZSCORE', KEYS[2], ARGV[3]) then taken = taken - 1 end
if taken >= tonumber(ARGV[2]) then return {'taken'} end
if redis.call('EXISTS', KEYS[5]) == 1 then return {'code_taken'} end
redis.call('SET', KEYS[5], ARGV[4])
redis.call('SADD', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[5])
redis.call('ZADD', KEYS[6], ARGV[6], ARGV[5])
redis.call('ZADD', KEYS[7], ARGV[6], ARGV[7])
if ARGV[3] ~= '' then redis.call('ZREM', KEYS[2], ARGV[3]) end
if ARGV[8] == '1' then redis.call('SET', KEYS[4], KEYS[5], 'PX', ARGV[9]) end
return {'booked'}
`;

/**
 * KEYS: slotBookings, slotHolds, slotsByStart. ARGV: nowMs, capacity, holderId, expiresMs,
 * startMs, slotId. A holder's own hold is renewed, not counted twice. Returns 1 when held.
 */
export const HOLD_LUA = `
local now = tonumber(ARGV[1])
local expires = tonumber(ARGV[4])
if expires <= now then return 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local taken = redis.call('SCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])
if redis.call('ZSCORE', KEYS[2], ARGV[3]) then taken = taken - 1 end
if taken >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[2], expires, ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
local ttl = expires - now
if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1
`;

/**
 * Compare-and-set move. KEYS: booking, oldSlotBookings, newSlotBookings, newSlotHolds,
 * phoneBookings, bookingsByStart, slotsByStart. ARGV: expectedJson, newJson, nowMs, capacity,
 * code, newStartMs, newSlotId. Returns "changed" (read again), "taken" or "moved".
 */
export const MOVE_LUA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'changed' end
local now = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
local taken = redis.call('SCARD', KEYS[3]) + redis.call('ZCARD', KEYS[4])
if taken >= tonumber(ARGV[4]) then return 'taken' end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SREM', KEYS[2], ARGV[5])
redis.call('SADD', KEYS[3], ARGV[5])
redis.call('ZADD', KEYS[5], ARGV[6], ARGV[5])
redis.call('ZADD', KEYS[6], ARGV[6], ARGV[5])
redis.call('ZADD', KEYS[7], ARGV[6], ARGV[7])
return 'moved'
`;

/**
 * Compare-and-set status change. KEYS: booking, slotBookings, phoneBookings. ARGV: expectedJson,
 * newJson, code, status, startMs. A cancelled booking gives its place back; only a confirmed one
 * counts as the phone's active booking. Returns "changed" (read again) or "updated".
 */
export const SET_STATUS_LUA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'changed' end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[4] == 'cancelled' then redis.call('SREM', KEYS[2], ARGV[3]) end
if ARGV[4] == 'confirmed' then redis.call('ZADD', KEYS[3], ARGV[5], ARGV[3]) else redis.call('ZREM', KEYS[3], ARGV[3]) end
return 'updated'
`;
