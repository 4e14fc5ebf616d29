import type { ClientContext, Result } from "ioredis";

declare module "ioredis" {
  interface RedisCommander<Context extends ClientContext = { type: "default" }> {
    hanbeonPublishVersion(...args: string[]): Result<unknown, Context>;
    hanbeonSaveDraft(...args: string[]): Result<unknown, Context>;
  }
}

/** Lua: the revision of the draft JSON at `key` ('' when there is none, or it predates revisions or does not parse). */
const DRAFT_REVISION_LUA = `
local function draftRevision(key)
  local text = redis.call('GET', key)
  if not text then return '' end
  local ok, draft = pcall(cjson.decode, text)
  if ok and type(draft) == 'table' and type(draft.revision) == 'string' then return draft.revision end
  return ''
end
`;

/**
 * Publishes a flow version in one step, so concurrent publishes on several instances never leave
 * two versions marked published or the pointer on an older number.
 * KEYS: 1 sequence, 2 versions hash, 3 published number, 4 draft.
 * ARGV: 1 the version's JSON without number and status, 2 "1" to drop the draft,
 *       3 the expected published number ("" = no check, "none" = nothing published yet),
 *       4 "1" to drop the draft only while its revision is ARGV[5] ("" = a draft without one).
 * Returns {number, previous published or ""}, or {-1, the published number} when the check fails.
 */
export const PUBLISH_VERSION_LUA = `${DRAFT_REVISION_LUA}
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
if ARGV[2] == '1' and (ARGV[4] ~= '1' or draftRevision(KEYS[4]) == ARGV[5]) then redis.call('DEL', KEYS[4]) end
return {n, current or ''}
`;

/**
 * Saves a flow's draft only while its revision is the expected one, so two admins saving the
 * same draft never overwrite each other unseen (connections are shared: no WATCH/MULTI).
 * KEYS: 1 draft. ARGV: 1 the draft's JSON (with its new revision), 2 the expected revision
 * ("" = no draft, or one without a revision).
 * Returns {1, ""} when saved, or {0, the current revision or ""} when the check fails.
 */
export const SAVE_DRAFT_LUA = `${DRAFT_REVISION_LUA}
local current = draftRevision(KEYS[1])
if current ~= ARGV[2] then return {0, current} end
redis.call('SET', KEYS[1], ARGV[1])
return {1, ''}
`;
