import type { ClientContext, Result } from "ioredis";

declare module "ioredis" {
  interface RedisCommander<Context extends ClientContext = { type: "default" }> {
    hanbeonPublishVersion(...args: string[]): Result<unknown, Context>;
  }
}

/**
 * Publishes a flow version in one step, so concurrent publishes on several instances never leave
 * two versions marked published or the pointer on an older number.
 * KEYS: 1 sequence, 2 versions hash, 3 published number, 4 draft.
 * ARGV: 1 the version's JSON without number and status, 2 "1" to drop the draft,
 *       3 the expected published number ("" = no check, "none" = nothing published yet).
 * Returns {number, previous published or ""}, or {-1, the published number} when the check fails.
 */
export const PUBLISH_VERSION_LUA = `
local current = redis.call('GET', KEYS[3])
if ARGV[3] ~= '' then
  local matches = (ARGV[3] == 'none' and not current) or (current and current == ARGV[3])
  if not matches then return {-1, current or ''} end
end
local n = redis.call('INCR', KEYS[1])
if current then
  local old = redis.call('HGET', KEYS[2], current)
  if old then
    local archived = cjson.decode(old)
    archived.status = 'archived'
    redis.call('HSET', KEYS[2], current, cjson.encode(archived))
  end
end
local record = cjson.decode(ARGV[1])
record.version = n
record.status = 'published'
redis.call('HSET', KEYS[2], tostring(n), cjson.encode(record))
redis.call('SET', KEYS[3], tostring(n))
if ARGV[2] == '1' then redis.call('DEL', KEYS[4]) end
return {n, current or ''}
`;
