import type { ClientContext, Result } from "ioredis";

declare module "ioredis" {
  interface RedisCommander<Context extends ClientContext = { type: "default" }> {
    hanbeonPublishVersion(...args: string[]): Result<unknown, Context>;
    hanbeonSaveDraft(...args: string[]): Result<unknown, Context>;
  }
}

/*
 * The scripts never decode JSON (cjson refuses lone UTF-16 surrogates that JSON.stringify writes
 * as "\ud800", and deep nesting): records are built and changed as strings at anchored places.
 * Inside a JSON string a quote is escaped, so `"status":"published"` right after the opening
 * brace, or right before the closing one, is the record's own top-level status.
 */

/**
 * Lua: the draft's revision ('' when there is no draft, or it has none). KEYS: draft, revision.
 * Drafts written by older code carry it at the end of their JSON (`,"revision":"…"}`); that one
 * wins, since this code never writes it there. A revision key without a draft counts for nothing.
 */
const DRAFT_REVISION_LUA = `
local function draftRevision(draftKey, revisionKey)
  local text = redis.call('GET', draftKey)
  if not text then return '' end
  local inline = string.match(text, ',"revision":"([%w_%-]+)"}$')
  if inline then return inline end
  return redis.call('GET', revisionKey) or ''
end
`;

/**
 * Lua: the published record `old` marked archived, or `old` unchanged when its status is not
 * where this code or older code writes it (a corrupt record never blocks a publish).
 * Older code wrote the status last (`,"status":"published"}`) or in cjson's key order.
 */
const ARCHIVE_LUA = `
local function archived(old)
  local head = string.match(old, '^{"version":%d+,"status":"published",')
  if head then return string.sub(head, 1, -12) .. 'archived",' .. string.sub(old, #head + 1) end
  if string.sub(old, -22) == ',"status":"published"}' then return string.sub(old, 1, -23) .. ',"status":"archived"}' end
  local ok, record = pcall(cjson.decode, old)
  if ok and type(record) == 'table' and record.status == 'published' then
    record.status = 'archived'
    local encoded, text = pcall(cjson.encode, record)
    if encoded then return text end
  end
  return old
end
`;

/**
 * Publishes a flow version in one step, so concurrent publishes on several instances never leave
 * two versions marked published or the pointer on an older number.
 * KEYS: 1 sequence, 2 versions hash, 3 published number, 4 draft, 5 draft revision.
 * ARGV: 1 the version's JSON object without number and status (its first key first),
 *       2 "1" to drop the draft, 3 the expected published number ("" = no check, "none" =
 *       nothing published yet), 4 "1" to drop the draft only while its revision is ARGV[5]
 *       ("" = a draft without one).
 * Returns {number, previous published or ""}, or {-1, the published number} when the check fails.
 */
export const PUBLISH_VERSION_LUA = `${DRAFT_REVISION_LUA}${ARCHIVE_LUA}
local current = redis.call('GET', KEYS[3])
if ARGV[3] ~= '' then
  local matches = (ARGV[3] == 'none' and not current) or (current and current == ARGV[3])
  if not matches then return {-1, current or ''} end
end
local n = redis.call('INCR', KEYS[1])
if current then
  local old = redis.call('HGET', KEYS[2], current)
  if old then redis.call('HSET', KEYS[2], current, archived(old)) end
end
redis.call('HSET', KEYS[2], tostring(n), '{"version":' .. n .. ',"status":"published",' .. string.sub(ARGV[1], 2))
redis.call('SET', KEYS[3], tostring(n))
if ARGV[2] == '1' and (ARGV[4] ~= '1' or draftRevision(KEYS[4], KEYS[5]) == ARGV[5]) then redis.call('DEL', KEYS[4], KEYS[5]) end
return {n, current or ''}
`;

/**
 * Saves a flow's draft and its new revision, optionally only while its revision is the expected
 * one, so two admins saving the same draft never overwrite each other unseen (connections are
 * shared: no WATCH/MULTI).
 * KEYS: 1 draft, 2 draft revision. ARGV: 1 the draft's JSON (without its revision), 2 the new
 * revision, 3 "1" to check, 4 the expected revision ("" = no draft, or one without a revision).
 * Returns {1, ""} when saved, or {0, the current revision or ""} when the check fails.
 */
export const SAVE_DRAFT_LUA = `${DRAFT_REVISION_LUA}
if ARGV[3] == '1' then
  local current = draftRevision(KEYS[1], KEYS[2])
  if current ~= ARGV[4] then return {0, current} end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
return {1, ''}
`;
