/**
 * Channel benchmark, run at the end of `npm run bench` (or alone: `npx tsx scripts/bench-channels.ts`).
 * For each session store (Redis with a throwaway key prefix, SQLite in a fresh temporary folder):
 *   1. baselines: a route doing one Redis GET and one SET (mounted in front of the app, so it
 *      skips the app's middleware) and GET /healthz of the app;
 *   2. web turns: 50 connections, each POSTing "도움말" to its own session (a load-step-save turn);
 *   3. Kakao turns: 50 users POSTing a skill payload with the utterance "도움말";
 *   4. ratios against the GET/SET route, of req/s, latencies and this process's CPU time per
 *      request (steadier than req/s when other work shares the cores) (turns within 2×, /healthz near it: the middleware stack
 *      should not cost as much as a turn) and the Kakao p99 (< 50 ms at 50 users), printed as
 *      "aim met"/"aim missed", never a failure;
 *   5. memory: 10,000 stored conversations, process RSS, Redis used_memory and the SQLite file.
 * Every server, client and runtime is closed and the Redis keys are deleted afterwards.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Listening } from "./bench-support";
import { BENCH_KAKAO_ENV, BENCH_KAKAO_SECRET, BENCH_POSTGRES_URL, closeServer, createBenchDatabase, listen, ms, pad, percentile, redisReady, waitUntilReady } from "./bench-support";
import { driveLoad } from "./drive-load";
import express from "express";
import type { Redis } from "ioredis";
import type { SessionKey, SessionStore } from "../bot/ports";
import type { StoredSession } from "../bot/conversation/stored-session";
import type { ChatInput } from "../bot/conversation/chat-input";
import { createApp } from "../server/app";
import type { Runtime } from "../server/compose";
import { composeRuntime } from "../server/compose";
import { parseConfig } from "../server/config";
import type { Logger } from "../server/logging/create-logger";
import { createLogger } from "../server/logging/create-logger";
import { connectRedis } from "../server/storage/redis/connect-redis";
import { RedisSessionStore } from "../server/storage/redis/redis-session-store";
import Database from "better-sqlite3";
import { loadDataEncryptionKey } from "../server/security/data-encryption-key";
import { PersonalDataCipher } from "../server/security/personal-data-cipher";
import { sealedSessionCodec } from "../server/storage/session-record-codec";
import { openDatabase } from "../server/storage/sql/open-database";
import { SqlSessionStore } from "../server/storage/sql/sql-session-store";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const CONNECTIONS = 50;
const MEMORY_CONVERSATIONS = 10_000;
/** Conversations driven through the real ConversationService; the rest are copies saved via the store. */
const DRIVEN_CONVERSATIONS = 500;
/** Every request carries the Kakao secret header (only /kakao/skill reads it). */
const JSON_HEADERS = { "content-type": "application/json", [BENCH_KAKAO_SECRET.header.toLowerCase()]: BENCH_KAKAO_SECRET.secret };
const HELP = "도움말";
/** High enough that the limiter middleware runs but never answers 429 during the bench. */
const NO_LIMIT = "1000000000";
const KAKAO_BOT_ID = "5f0e1d2c3b4a59687766554a";

/** Answers for the first questions of the flow, so driven conversations stop at varied depths. */
const ANSWERS: Record<string, string> = {
  consent: "동의해요", safety_check: "아니요", has_debt: "네", total_debt: "3500만원", secured_gate: "없어요",
  creditor_types: "카드, 사채", illegal_threats: "네", illegal_images: "아니요", illegal_registered: "아니요", illegal_terms_gate: "네",
  illegal_received: "50만원", illegal_repay: "80만원", illegal_days: "7일", overdue_days: "45일", household_size: "3",
};

/** `cpuUs`: this process's CPU time (user + system) per response, app and load together: steadier than req/s on a shared machine. */
type Load = { rps: number; p50: number; p99: number; ok: number; non2xx: number; errors: number; timeouts: number; cpuUs: number };
type Target = { method: "GET" | "POST"; path: string; body?: string };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const verdict = (met: boolean) => (met ? "aim met" : "aim missed");

/** Issue 12: a Kakao turn's p99 at 50 concurrent users. */
const KAKAO_P99_AIM_MS = 50;

/** Seconds of unmeasured load before each measured run, so the JIT and caches are warm. */
const WARMUP_SECONDS = 1;

/**
 * 50 connections (drive-load.ts), warmed for WARMUP_SECONDS and then measured for `seconds`;
 * connection i sends `target(i)` over and over. p50/p99 cover the 2xx answers.
 */
async function load(base: string, seconds: number, target: (connection: number) => Target): Promise<Load> {
  const result = await driveLoad({ base, connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, seconds, next: (connection) => ({ ...target(connection), headers: JSON_HEADERS }) });
  const ok = [...result.latencies].filter(([status]) => status >= 200 && status < 300).flatMap(([, list]) => list).sort((a, b) => a - b);
  const non2xx = [...result.latencies].filter(([status]) => status < 200 || status >= 300).reduce((sum, [, list]) => sum + list.length, 0);
  return {
    rps: result.rps, p50: percentile(ok, 50), p99: percentile(ok, 99), ok: ok.length,
    non2xx, errors: result.errors, timeouts: result.timeouts, cpuUs: result.cpuUsPerAnswer,
  };
}

function formatLoad(name: string, figures: Load): string {
  const trouble = figures.non2xx + figures.errors + figures.timeouts > 0
    ? `, non-2xx ${figures.non2xx}, errors ${figures.errors}, timeouts ${figures.timeouts}`
    : ", all 2xx";
  return `  ${pad(name, 38)} ${String(Math.round(figures.rps)).padStart(6)} req/s, p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}, CPU ${Math.round(figures.cpuUs)} µs/req${trouble}`;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info("memory");
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? NaN);
}

async function scanKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [nextCursor, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    cursor = nextCursor;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}

async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  const keys = await scanKeys(redis, prefix);
  for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500));
  return keys.length;
}

function kakaoBody(userId: string, utterance: string): string {
  return JSON.stringify({
    intent: { id: "5f1a2b3c4d5e6f7a8b9c0d1e", name: "폴백 블록" },
    userRequest: {
      timezone: "Asia/Seoul", params: { surface: "Kakaotalk.plusfriend" },
      block: { id: "5f1a2b3c4d5e6f7a8b9c0d1e", name: "폴백 블록" },
      utterance, lang: "ko", user: { id: userId, type: "botUserKey", properties: {} },
    },
    bot: { id: KAKAO_BOT_ID, name: "한번 상담 안내" },
    action: { id: "6a7b8c9d0e1f2a3b4c5d6e7f", name: "hanbeon_skill", params: {}, detailParams: {}, clientExtra: null },
  });
}

async function post(url: string, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: "POST", headers: JSON_HEADERS, body });
  return { status: res.status, json: await res.json() };
}

function stringField(value: unknown, field: string): string | undefined {
  if (typeof value !== "object" || value === null || !(field in value)) return undefined;
  const found: unknown = Reflect.get(value, field);
  return typeof found === "string" ? found : undefined;
}

/** 50 web sessions past consent (at the safety question), created over HTTP. */
async function createWebSessions(base: string): Promise<string[]> {
  return Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    const created = await post(`${base}/api/chat/sessions`, "{}");
    const sessionId = stringField(created.json, "sessionId");
    if (created.status !== 201 || sessionId === undefined) throw new Error(`POST /api/chat/sessions answered ${created.status}`);
    const consent = await post(`${base}/api/chat/sessions/${sessionId}/messages`, JSON.stringify({ optionId: "agree" }));
    if (consent.status !== 200) throw new Error(`consent answered ${consent.status}`);
    return sessionId;
  }));
}

/** 50 Kakao users whose conversations are open (the first message starts one). */
async function createKakaoUsers(base: string): Promise<string[]> {
  return Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    const userId = randomBytes(33).toString("hex");
    const opened = await post(`${base}/kakao/skill`, kakaoBody(userId, "안녕하세요"));
    if (opened.status !== 200) throw new Error(`POST /kakao/skill answered ${opened.status}`);
    return userId;
  }));
}

async function kakaoFallbacks(runtime: Runtime): Promise<number> {
  const counted = await runtime.deps.metrics.events.get();
  return counted.values
    .filter((v) => v.labels.kind === "kakao_apology" || v.labels.kind === "kakao_overrun")
    .reduce((sum, v) => sum + v.value, 0);
}

function answerOf(nodeId: string, optionIds: string[]): ChatInput {
  const text = ANSWERS[nodeId];
  if (text !== undefined) return { kind: "text", text };
  const optionId = optionIds[0];
  return optionId !== undefined ? { kind: "option", id: optionId } : { kind: "text", text: "1" };
}

const webKey = (): SessionKey => ({ channel: "web", id: randomBytes(16).toString("base64url") });

/**
 * Stores MEMORY_CONVERSATIONS conversations: DRIVEN_CONVERSATIONS through the real
 * ConversationService (start plus 1 to 12 answers), the rest as copies of those saved through
 * a store of the same kind directly.
 */
async function storeConversations(runtime: Runtime, copies: SessionStore): Promise<{ driven: number; copied: number; bytes: number }> {
  const chat = runtime.deps.chat;
  const ttl = Math.round(runtime.deps.config.SESSION_IDLE_DAYS * 86_400);
  const samples: StoredSession[] = [];
  for (let batch = 0; batch < DRIVEN_CONVERSATIONS; batch += 50) {
    const driven = await Promise.all(Array.from({ length: Math.min(50, DRIVEN_CONVERSATIONS - batch) }, async (_, j) => {
      const key = webKey();
      let step = await chat.handle(key, { kind: "start", lang: "ko" });
      const answers = 1 + ((batch + j) % 12);
      for (let a = 0; a < answers && !step.turn.done; a++) {
        step = await chat.handle(key, answerOf(step.turn.nodeId, step.turn.options.map((o) => o.id)));
      }
      return runtime.sessions.findSession(key);
    }));
    samples.push(...driven.filter((session) => session !== undefined));
  }
  let bytes = samples.reduce((sum, s) => sum + Buffer.byteLength(JSON.stringify(s)), 0);
  const toCopy = MEMORY_CONVERSATIONS - samples.length;
  for (let batch = 0; batch < toCopy; batch += 500) {
    await Promise.all(Array.from({ length: Math.min(500, toCopy - batch) }, async (_, j) => {
      const session = samples[(batch + j) % samples.length];
      if (session === undefined) return;
      bytes += Buffer.byteLength(JSON.stringify(session));
      await copies.saveSession(webKey(), session, ttl);
    }));
  }
  return { driven: samples.length, copied: toCopy, bytes };
}

/** `sqlite`: one machine (sessions in SQLite); `postgres`: several (records in PostgreSQL, sessions in Redis). */
type StoreRun = { kind: "sqlite" | "postgres"; env: Record<string, string>; dataDir?: string };
const label = (run: StoreRun) => (run.kind === "sqlite" ? "sqlite store (one machine)" : "postgres store + redis sessions (several machines)");

async function benchStore(run: StoreRun, seconds: number, redis: Redis, prefix: string, logger: Logger): Promise<void> {
  const config = parseConfig({
    LOG_LEVEL: "silent", NODE_ENV: "production", DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), RATE_LIMIT_IP_PER_MINUTE: NO_LIMIT, RATE_LIMIT_SESSION_PER_MINUTE: NO_LIMIT, ...BENCH_KAKAO_ENV, ...run.env,
  });
  const runtime = composeRuntime(config, logger);
  let listening: Listening | undefined;
  try {
    if (runtime.storage.records !== run.kind) throw new Error(`expected the ${run.kind} store, composeRuntime chose ${runtime.storage.records}`);
    await runtime.ready();
    const app = createApp(runtime.deps);
    const outer = express();
    outer.disable("x-powered-by");
    const baselineKey = `${prefix}bench:getset`;
    let baselineValue = "{}";
    outer.get("/bench/redis-getset", async (_req, res) => {
      const value = await redis.get(baselineKey);
      await redis.set(baselineKey, value ?? baselineValue, "EX", 600);
      res.json({ ok: true, bytes: value?.length ?? 0 });
    });
    outer.use(app);
    listening = await listen(outer);
    const { base } = listening;
    await waitUntilReady(base);

    const sessions = await createWebSessions(base);
    const users = await createKakaoUsers(base);
    const sample = await runtime.sessions.findSession({ channel: "web", id: sessions[0] ?? "" });
    const sessionBytes = sample ? Buffer.byteLength(JSON.stringify(sample)) : 0;
    // The baseline stores a value as large as a session, so both move the same bytes through Redis.
    baselineValue = sample ? JSON.stringify(sample) : "{}";
    await redis.del(baselineKey);

    const getset = await load(base, seconds, () => ({ method: "GET", path: "/bench/redis-getset" }));
    const healthz = await load(base, seconds, () => ({ method: "GET", path: "/healthz" }));
    const web = await load(base, seconds, (i) => ({
      method: "POST", path: `/api/chat/sessions/${sessions[i % sessions.length] ?? ""}/messages`, body: JSON.stringify({ text: HELP }),
    }));
    const fallbacksBefore = await kakaoFallbacks(runtime);
    const kakao = await load(base, seconds, (i) => ({ method: "POST", path: "/kakao/skill", body: kakaoBody(users[i % users.length] ?? "", HELP) }));
    const fallbacks = (await kakaoFallbacks(runtime)) - fallbacksBefore;
    const after = await runtime.sessions.findSession({ channel: "web", id: sessions[0] ?? "" });
    const afterBytes = after ? Buffer.byteLength(JSON.stringify(after)) : 0;

    console.log(`\nchannels, ${label(run)} (${CONNECTIONS} connections, ${seconds}s each after a ${WARMUP_SECONDS}s warm-up, loopback, app and load in one process):`);
    console.log(formatLoad("GET /bench/redis-getset (baseline) *", getset));
    console.log(formatLoad("GET /healthz (second baseline)", healthz));
    console.log(formatLoad(`POST /api/chat/…/messages "${HELP}"`, web));
    console.log(formatLoad(`POST /kakao/skill "${HELP}"`, kakao));
    console.log(`  * one GET + one SET (EX) of a ${sessionBytes}-byte value on Redis ${REDIS_URL}, via its own ioredis client, mounted in an`);
    console.log("    outer express app in front of the app: it skips the app's middleware (request context, metrics, helmet, JSON body).");
    console.log(`  web: ${sessions.length} sessions past consent, each connection on its own; rate limits raised to ${NO_LIMIT}/min (limiter still runs).`);
    console.log(`  kakao: ${users.length} distinct users; apologies/overruns during the load: ${fallbacks} (each is an HTTP 200, not a real turn).`);
    console.log(`  stored session: ${sessionBytes} bytes before the load, ${afterBytes} bytes after (help must not grow it).`);

    const ratios = (name: string, turn: Load) => {
      const throughput = getset.rps / turn.rps;
      const p50 = turn.p50 / getset.p50;
      const p99 = turn.p99 / getset.p99;
      console.log(`  ${name} vs GET/SET route (aim ≤ 2×): throughput ${throughput.toFixed(2)}× fewer req/s (${verdict(throughput <= 2)}),`
        + ` p50 ${p50.toFixed(2)}× (${verdict(p50 <= 2)}), p99 ${p99.toFixed(2)}× (${verdict(p99 <= 2)}), CPU per request ${(turn.cpuUs / getset.cpuUs).toFixed(2)}×`);
      console.log(`  ${" ".repeat(name.length)} vs GET /healthz:           throughput ${(healthz.rps / turn.rps).toFixed(2)}× fewer req/s,`
        + ` p50 ${(turn.p50 / healthz.p50).toFixed(2)}×, p99 ${(turn.p99 / healthz.p99).toFixed(2)}×`);
    };
    const stack = getset.rps / healthz.rps;
    console.log(`  GET /healthz vs GET/SET route (the middleware stack alone; aim: near it, ≤ 1.25×): GET/SET req/s ÷ /healthz req/s ${stack.toFixed(2)}`
      + ` (${verdict(stack <= 1.25)}); CPU per request ${(healthz.cpuUs / getset.cpuUs).toFixed(2)}×`);
    ratios("web turn  ", web);
    ratios("kakao turn", kakao);
    console.log(`  kakao p99 ${ms(kakao.p99)} (aim < ${KAKAO_P99_AIM_MS} ms at ${CONNECTIONS} concurrent users): ${verdict(kakao.p99 < KAKAO_P99_AIM_MS)}`);

    await benchMemory(run, runtime, redis, prefix);
  } catch (error) {
    console.log(`\nchannels, ${label(run)}: bench did not complete: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (listening) await closeServer(listening.server);
    await runtime.close();
  }
}

async function benchMemory(run: StoreRun, runtime: Runtime, redis: Redis, prefix: string): Promise<void> {
  const report = () => undefined;
  const sqliteFile = run.dataDir ? path.join(run.dataDir, "hanbeon.sqlite") : undefined;
  const fileSize = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  const sqliteBytes = () => (sqliteFile ? fileSize(sqliteFile) + fileSize(`${sqliteFile}-wal`) : 0);
  const db = run.dataDir ? openDatabase({ dataDir: run.dataDir }) : undefined;
  try {
    // Sealed as the runtime's own store seals them, so a copy costs what a real session costs.
    const codec = sealedSessionCodec(new PersonalDataCipher(loadDataEncryptionKey(runtime.deps.config).key));
    const copies: SessionStore = db ? new SqlSessionStore(db, runtime.deps.now, codec, report) : new RedisSessionStore(redis, prefix, codec, report);
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const redisBefore = run.kind === "postgres" ? await usedMemory(redis) : NaN;
    const fileBefore = sqliteBytes();
    const t0 = Date.now();
    const stored = await storeConversations(runtime, copies);
    const took = (Date.now() - t0) / 1000;
    const rssAfter = process.memoryUsage().rss;
    const heapAfter = process.memoryUsage().heapUsed;
    const n = stored.driven + stored.copied;
    console.log(`  memory, ${run.kind}: ${n} conversations stored in ${took.toFixed(1)} s (${stored.driven} driven through ConversationService`
      + ` with 1–12 answers, ${stored.copied} copies saved via the store directly); mean session JSON ${Math.round(stored.bytes / n)} bytes`);
    console.log(`    process RSS ${mb(rssBefore)} → ${mb(rssAfter)} (Δ ${mb(rssAfter - rssBefore)}), heap used ${mb(heapBefore)} → ${mb(heapAfter)}`
      + " (sessions live in the store; Δ is garbage and caches, not retained per conversation)");
    if (run.kind === "postgres") {
      const redisAfter = await usedMemory(redis);
      const keys = (await scanKeys(redis, `${prefix}session:web:`)).slice(0, 200);
      const usages = await Promise.all(keys.map(async (key) => Number(await redis.call("MEMORY", "USAGE", key))));
      const meanUsage = usages.reduce((a, b) => a + b, 0) / Math.max(1, usages.length);
      console.log(`    Redis used_memory ${mb(redisBefore)} → ${mb(redisAfter)} (Δ ${mb(redisAfter - redisBefore)},`
        + ` ${Math.round((redisAfter - redisBefore) / n)} bytes per conversation; shared server, other clients add noise);`
        + ` MEMORY USAGE mean of ${usages.length} session keys: ${Math.round(meanUsage)} bytes`);
    }
    if (db && sqliteFile) {
      const withWal = sqliteBytes();
      const raw = new Database(sqliteFile);
      raw.pragma("wal_checkpoint(TRUNCATE)");
      const checkpointed = fileSize(sqliteFile);
      const count = raw.prepare("SELECT COUNT(*) AS n FROM sessions").get();
      raw.close();
      const rows = typeof count === "object" && count !== null && "n" in count ? Number(count.n) : NaN;
      console.log(`    SQLite ${sqliteFile}: file + WAL ${mb(fileBefore)} → ${mb(withWal)}; after a WAL checkpoint the file is ${mb(checkpointed)}`
        + ` for ${rows} rows (${Math.round(checkpointed / rows)} bytes per row)`);
    }
  } finally {
    await db?.close();
  }
}

/** Prints the channel figures for SQLite and for PostgreSQL with Redis sessions; never throws on a number. */
export async function benchChannels(seconds: number): Promise<void> {
  const logger = createLogger("silent");
  const prefix = `bench:${process.pid}:${randomBytes(4).toString("hex")}:`;
  const redis = connectRedis(REDIS_URL, logger);
  try {
    await redisReady(redis, REDIS_URL);
  } catch (error) {
    console.log(`\nchannels: skipped, the Redis baseline needs ${REDIS_URL}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-bench-"));
  const database = await createBenchDatabase();
  if ("error" in database) console.log(`\nchannels, postgres + redis: skipped, no PostgreSQL at ${BENCH_POSTGRES_URL}: ${database.error}`);
  try {
    await benchStore({ kind: "sqlite", env: { DATA_DIR: dataDir }, dataDir }, seconds, redis, prefix, logger);
    if ("url" in database) await benchStore({ kind: "postgres", env: { DATABASE_URL: database.url, REDIS_URL, REDIS_KEY_PREFIX: prefix } }, seconds, redis, prefix, logger);
  } finally {
    const deleted = await deleteKeys(redis, prefix).catch(() => NaN);
    const left = await scanKeys(redis, prefix).then((keys) => keys.length).catch(() => NaN);
    console.log(`\nchannels cleanup: deleted ${deleted} Redis keys under "${prefix}" (${left} left), dropped the bench database, removed ${dataDir}`);
    await redis.quit().catch(() => redis.disconnect());
    if ("drop" in database) await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchChannels(Number(process.env.BENCH_SECONDS ?? 5));
}
