/**
 * Booking benchmark, run at the end of `npm run bench` (or alone: `npx tsx scripts/bench-booking.ts`).
 * For each deployment shape (SQLite in a fresh temporary folder; PostgreSQL in a throwaway
 * database with Redis under a throwaway key prefix),
 * with the clock fixed at Thursday 3 December 2026, 08:00 in Seoul and a schedule written to a
 * temporary file (debt: 3 places per slot; legal: so many places that no slot ever fills):
 *   1. GET /api/slots?specialty=debt&days=7 against GET /healthz of the same app (the baseline);
 *   2. contended booking: every request a new phone, all aimed at the 7 debt slots of that
 *      Thursday (21 places), so almost every answer is 409 SLOT_TAKEN with alternatives;
 *   3. uncontended booking: every request a new phone and the next legal slot of the horizon in
 *      turn, so the requests in flight never share a slot and every answer should be 201;
 *   4. a check that no slot holds more confirmed bookings than its capacity, read back through
 *      the store's listBookings (and from the 201 answers).
 * Every server, runtime and client is closed; the Redis keys and temporary folders are removed.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Listening } from "./bench-support";
import { driveLoad } from "./drive-load";
import { BENCH_KAKAO_ENV, BENCH_POSTGRES_URL, closeServer, createBenchDatabase, listen, ms, pad, percentile, redisReady, waitUntilReady } from "./bench-support";
import type { Redis } from "ioredis";
import { parse, stringify } from "yaml";
import { z } from "zod";
import { SCHEDULE_FILE } from "../flows/load-schedule";
import { createApp } from "../server/app";
import type { Runtime } from "../server/compose";
import { composeRuntime } from "../server/compose";
import { parseConfig } from "../server/config";
import type { Logger } from "../server/logging/create-logger";
import { createLogger } from "../server/logging/create-logger";
import { createStores } from "../server/storage/create-stores";
import { connectRedis } from "../server/storage/redis/connect-redis";

const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const CONNECTIONS = 50;
const WARMUP_SECONDS = 1;
const JSON_HEADERS = { "content-type": "application/json" };
/** High enough that the per-IP limiter runs but never answers 429 during the bench. */
const NO_LIMIT = "1000000000";
/** A weekday morning in Seoul: with 120 minutes' notice, 10:00 is the first open slot today. */
const NOW = "2026-12-03T08:00:00+09:00";
const CONTENDED_DAY = "2026-12-03";
/** Friday: the contended warm-up books here, so the measured day starts empty. */
const WARMUP_DAY = "2026-12-04";
const DEBT_CAPACITY = 3;
const LEGAL_CAPACITY = 1_000_000;
const SLOTS_PATH = "/api/slots?specialty=debt&days=7";

type Shot = { method: "GET" | "POST"; path: string; body?: () => string };
type Figures = {
  rps: number; p50: number; p99: number; responses: number; errors: number; timeouts: number;
  /** Responses by HTTP status, and latencies (ms) by status. */
  statuses: Map<number, number>; latencies: Map<number, number[]>;
  /** 409 answers by error code. */
  refusals: Map<string, number>;
  /** 201 answers by slot id ("debt@2026-12-03T10:00+09:00"). */
  booked: Map<string, number>;
};
const bump = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** A fresh phone for every booking attempt of the whole run, so none is refused as a repeat. */
let attempts = 0;
function bookingBody(slotId: string): string {
  const n = attempts++;
  const phone = `010-${String(Math.floor(n / 10_000) % 10_000).padStart(4, "0")}-${String(n % 10_000).padStart(4, "0")}`;
  return JSON.stringify({ slotId, name: `벤치 ${n}`, phone, consent: true });
}

/** Round robin over `slots`: consecutive requests, hence those in flight together, go to different slots. */
function roundRobin(slots: string[]): () => string {
  let next = 0;
  return () => bookingBody(slots[next++ % slots.length] ?? "");
}

const ERROR_CODE = /^\{"error":\{"code":"([A-Z_]+)"/;
const BOOKED = /"start":"([^"]+)","end":"[^"]+","specialty":"([a-z_]+)"/;

/** Runs `shot` for `seconds` after an unmeasured warm-up (`warmup`, or `shot` itself). */
/**
 * 50 connections (drive-load.ts) warmed with `warmup` for WARMUP_SECONDS, then measured with `shot`
 * for `seconds`; each request is rebuilt (a new body every time). p50/p99 cover every measured
 * answer; POST answers are read for their status and error code.
 */
async function load(base: string, seconds: number, shot: Shot, warmup: Shot = shot): Promise<Figures> {
  const figures: Figures = {
    rps: 0, p50: NaN, p99: NaN, responses: 0, errors: 0, timeouts: 0,
    statuses: new Map(), latencies: new Map(), refusals: new Map(), booked: new Map(),
  };
  const result = await driveLoad({
    base, connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, seconds,
    next: (_connection, warming) => {
      const { method, path, body } = warming ? warmup : shot;
      return { method, path, headers: JSON_HEADERS, ...(body ? { body: body() } : {}) };
    },
    onAnswer: (status, text) => {
      if (status === 409) bump(figures.refusals, ERROR_CODE.exec(text)?.[1] ?? "unreadable");
      if (status === 201) {
        const match = BOOKED.exec(text);
        bump(figures.booked, match ? `${match[2] ?? ""}@${match[1] ?? ""}` : "unreadable");
      }
    },
  });
  for (const [status, list] of result.latencies) figures.statuses.set(status, list.length);
  const all = [...result.latencies.values()].flat().sort((a, b) => a - b);
  return {
    ...figures, latencies: result.latencies, rps: result.rps, p50: percentile(all, 50), p99: percentile(all, 99), responses: all.length,
    errors: result.errors, timeouts: result.timeouts,
  };
}

function formatLoad(name: string, figures: Figures, expected: number[]): string {
  const unexpected = [...figures.statuses].filter(([status]) => !expected.includes(status)).reduce((sum, [, n]) => sum + n, 0);
  const trouble = unexpected + figures.errors + figures.timeouts > 0
    ? `, unexpected statuses ${unexpected}, errors ${figures.errors}, timeouts ${figures.timeouts}`
    : "";
  return `  ${pad(name, 44)} ${String(Math.round(figures.rps)).padStart(6)} req/s, p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}${trouble}`;
}

function formatStatus(figures: Figures, status: number): string {
  const sorted = figures.latencies.get(status) ?? [];
  return `${figures.statuses.get(status) ?? 0}${sorted.length ? ` (p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))})` : ""}`;
}

function formatOutcomes(figures: Figures): string {
  const other = [...figures.statuses].filter(([status]) => status !== 201 && status !== 409).map(([status, n]) => `${status}: ${n}`);
  const codes = [...figures.refusals].filter(([code]) => code !== "SLOT_TAKEN" && code !== "ACTIVE_BOOKING_EXISTS").map(([code, n]) => `${code}: ${n}`);
  return `    of ${figures.responses} answers: 201 booked ${formatStatus(figures, 201)}; 409 ${formatStatus(figures, 409)}:`
    + ` SLOT_TAKEN ${figures.refusals.get("SLOT_TAKEN") ?? 0}, ACTIVE_BOOKING_EXISTS ${figures.refusals.get("ACTIVE_BOOKING_EXISTS") ?? 0}`
    + `${codes.length ? `, other codes ${codes.join(", ")}` : ""}; other statuses: ${other.length ? other.join(", ") : "none"}`;
}

function ratios(name: string, against: string, baseline: Figures, figures: Figures): string {
  return `  ${name} vs ${against}: throughput ${(baseline.rps / figures.rps).toFixed(2)}× fewer req/s,`
    + ` p50 ${(figures.p50 / baseline.p50).toFixed(2)}×, p99 ${(figures.p99 / baseline.p99).toFixed(2)}×`;
}

async function deleteKeys(redis: Redis, prefix: string): Promise<{ deleted: number; left: number }> {
  const scan = async () => {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [nextCursor, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = nextCursor;
      keys.push(...batch);
    } while (cursor !== "0");
    return keys;
  };
  const keys = await scan();
  for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500));
  return { deleted: keys.length, left: (await scan()).length };
}

const shippedSchema = z.object({ specialties: z.record(z.string(), z.unknown()) }).loose();

/** The shipped schedule with debt at DEBT_CAPACITY and legal at LEGAL_CAPACITY per slot (60 minutes each). */
function writeSchedule(dir: string): string {
  const doc = shippedSchema.parse(parse(readFileSync(SCHEDULE_FILE, "utf8")));
  const file = path.join(dir, "schedule.yaml");
  writeFileSync(file, stringify({
    ...doc,
    specialties: { ...doc.specialties, debt: { counsellors: DEBT_CAPACITY, slotMinutes: 60 }, legal: { counsellors: LEGAL_CAPACITY, slotMinutes: 60 } },
  }));
  return file;
}

/** `sqlite`: one machine (records and sessions in SQLite); `postgres`: several (records in PostgreSQL, sessions and counters in Redis). */
type StoreRun = { kind: "sqlite" | "postgres"; env: Record<string, string> };

/** Confirmed bookings per slot, read back through a second store of the same kind. */
async function storedPerSlot(runtime: Runtime, logger: Logger): Promise<Map<string, number>> {
  const stores = createStores(runtime.deps.config, logger, runtime.deps.now);
  try {
    await waitReady(async () => (await Promise.all(stores.readiness.map((r) => r.check()))).every(Boolean));
    const bookings = await stores.bookings.listBookings({ from: "2026-12-01T00:00:00+09:00", to: "2027-02-01T00:00:00+09:00" });
    const perSlot = new Map<string, number>();
    for (const booking of bookings) bump(perSlot, booking.slotId);
    return perSlot;
  } finally {
    await stores.close();
  }
}

async function waitReady(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 30; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the second store never became ready");
}

const capacityOf = (slotId: string) => (slotId.startsWith("debt@") ? DEBT_CAPACITY : slotId.startsWith("legal@") ? LEGAL_CAPACITY : 0);
const overbooked = (perSlot: Map<string, number>) => [...perSlot].filter(([slotId, n]) => n > capacityOf(slotId));
const onDay = (perSlot: Map<string, number>, day: string) => [...perSlot].filter(([slotId]) => slotId.startsWith(`debt@${day}`));
const sum = (entries: [string, number][]) => entries.reduce((total, [, n]) => total + n, 0);
const most = (entries: [string, number][]) => entries.reduce((max, [, n]) => Math.max(max, n), 0);

async function benchStore(run: StoreRun, seconds: number, scheduleFile: string, logger: Logger): Promise<void> {
  const config = parseConfig({
    LOG_LEVEL: "silent", NODE_ENV: "production", DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), RATE_LIMIT_IP_PER_MINUTE: NO_LIMIT, RATE_LIMIT_SESSION_PER_MINUTE: NO_LIMIT,
    // The day budgets run (their counter round trip is measured) but never refuse: every request comes from one address.
    RATE_LIMIT_BOOKINGS_PER_IP_PER_DAY: NO_LIMIT, RATE_LIMIT_BOOKINGS_PER_USER_PER_DAY: NO_LIMIT,
    REMINDERS_ENABLED: "false", SCHEDULE_FILE: scheduleFile, ...BENCH_KAKAO_ENV, ...run.env,
  });
  const runtime = composeRuntime(config, logger, () => new Date(NOW));
  let listening: Listening | undefined;
  try {
    if (runtime.storage.records !== run.kind) throw new Error(`expected the ${run.kind} store, composeRuntime chose ${runtime.storage.records}`);
    await runtime.ready();
    listening = await listen(createApp(runtime.deps));
    const { base } = listening;
    await waitUntilReady(base);

    const { bookings } = runtime.deps;
    const contendedSlots = (await bookings.listSlots({ specialty: "debt", from: CONTENDED_DAY, days: 1 })).map((slot) => slot.id);
    const warmupSlots = (await bookings.listSlots({ specialty: "debt", from: WARMUP_DAY, days: 1 })).map((slot) => slot.id);
    const legalSlots = (await bookings.listSlots({ specialty: "legal", days: 62 })).map((slot) => slot.id);
    if (contendedSlots.length === 0 || warmupSlots.length === 0 || legalSlots.length < CONNECTIONS) {
      throw new Error(`unexpected schedule: ${contendedSlots.length} debt slots on ${CONTENDED_DAY}, ${legalSlots.length} legal slots`);
    }
    const places = contendedSlots.length * DEBT_CAPACITY;

    const healthz = await load(base, seconds, { method: "GET", path: "/healthz" });
    const slots = await load(base, seconds, { method: "GET", path: SLOTS_PATH });
    const slotsCount = (await bookings.listSlots({ specialty: "debt", days: 7 })).length;
    const contended = await load(base, seconds,
      { method: "POST", path: "/api/bookings", body: roundRobin(contendedSlots) },
      { method: "POST", path: "/api/bookings", body: roundRobin(warmupSlots) });
    const uncontended = await load(base, seconds, { method: "POST", path: "/api/bookings", body: roundRobin(legalSlots) });
    await closeServer(listening.server);
    listening = undefined;

    const stored = await storedPerSlot(runtime, logger);
    const storedOnDay = onDay(stored, CONTENDED_DAY);
    const answeredOnDay = onDay(contended.booked, CONTENDED_DAY);
    const storedLegal = [...stored].filter(([slotId]) => slotId.startsWith("legal@"));
    const bad = [...overbooked(stored), ...overbooked(contended.booked), ...overbooked(uncontended.booked)];

    console.log(`\nbooking, ${label(run)} (${CONNECTIONS} connections, ${seconds}s each after a ${WARMUP_SECONDS}s warm-up, loopback, app and load in one process;`
      + ` clock fixed at ${NOW}, a Thursday):`);
    console.log(formatLoad("GET /healthz (baseline)", healthz, [200]));
    console.log(formatLoad(`GET ${SLOTS_PATH}`, slots, [200]));
    console.log(ratios(`GET /api/slots (${slotsCount} open slots in the answer)`, "GET /healthz", healthz, slots));
    console.log(formatLoad("POST /api/bookings, contended *", contended, [201, 409]));
    console.log(formatOutcomes(contended));
    console.log(formatLoad("POST /api/bookings, uncontended **", uncontended, [201, 409]));
    console.log(formatOutcomes(uncontended));
    console.log(ratios("contended booking  ", "GET /healthz", healthz, contended));
    console.log(ratios("uncontended booking", "GET /healthz", healthz, uncontended));
    console.log(`  contended vs uncontended: ${(contended.rps / uncontended.rps).toFixed(2)}× the req/s,`
      + ` p50 ${(contended.p50 / uncontended.p50).toFixed(2)}×, p99 ${(contended.p99 / uncontended.p99).toFixed(2)}×`);
    console.log(`  * every request a new phone, round robin over the ${contendedSlots.length} debt slots of ${CONTENDED_DAY}`
      + ` (${DEBT_CAPACITY} places each, ${places} in all); the warm-up did the same on ${WARMUP_DAY}'s ${warmupSlots.length} slots.`);
    console.log(`  ** every request a new phone and the next of ${legalSlots.length} legal slots across the horizon (${LEGAL_CAPACITY} places each,`
      + " so none fills); the requests in flight never share a slot.");
    console.log(`  stored (listBookings): ${sum(storedOnDay)} confirmed on ${CONTENDED_DAY} in ${storedOnDay.length} slots (at most ${most(storedOnDay)} per slot,`
      + ` capacity ${DEBT_CAPACITY}); answered 201 for that day: ${sum(answeredOnDay)} (at most ${most(answeredOnDay)} per slot);`
      + ` ${sum(onDay(stored, WARMUP_DAY))} on ${WARMUP_DAY} (warm-up); ${sum(storedLegal)} legal in ${storedLegal.length} slots`);
    console.log(`  overbooked slots: ${bad.length}${bad.length ? ` (${bad.map(([slotId, n]) => `${slotId}: ${n}`).join(", ")})` : ""}`);
  } catch (error) {
    console.log(`\nbooking, ${label(run)}: bench did not complete: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (listening) await closeServer(listening.server);
    await runtime.close();
  }
}

const label = (run: StoreRun) => (run.kind === "sqlite" ? "sqlite store (one machine)" : "postgres store + redis (several machines)");

/** Prints the booking figures for SQLite and for PostgreSQL with Redis; never throws on a number. */
export async function benchBooking(seconds: number): Promise<void> {
  const logger = createLogger("silent");
  const prefix = `benchbook:${process.pid}:${randomBytes(4).toString("hex")}:`;
  const scheduleDir = mkdtempSync(path.join(tmpdir(), "hanbeon-bench-schedule-"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-bench-booking-"));
  const redis = connectRedis(REDIS_URL, logger);
  let redisUp = true;
  try {
    await redisReady(redis, REDIS_URL);
  } catch (error) {
    redisUp = false;
    console.log(`\nbooking, postgres + redis: skipped, no Redis at ${REDIS_URL}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const database = redisUp ? await createBenchDatabase() : undefined;
  if (database && "error" in database) console.log(`\nbooking, postgres + redis: skipped, no PostgreSQL at ${BENCH_POSTGRES_URL}: ${database.error}`);
  try {
    const scheduleFile = writeSchedule(scheduleDir);
    await benchStore({ kind: "sqlite", env: { DATA_DIR: dataDir } }, seconds, scheduleFile, logger);
    if (database && "url" in database) await benchStore({ kind: "postgres", env: { DATABASE_URL: database.url, REDIS_URL, REDIS_KEY_PREFIX: prefix } }, seconds, scheduleFile, logger);
  } finally {
    const cleaned = redisUp ? await deleteKeys(redis, prefix).catch(() => ({ deleted: NaN, left: NaN })) : undefined;
    await redis.quit().catch(() => redis.disconnect());
    if (database && "drop" in database) await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scheduleDir, { recursive: true, force: true });
    console.log(`\nbooking cleanup: ${cleaned ? `deleted ${cleaned.deleted} Redis keys under "${prefix}" (${cleaned.left} left), ` : ""}`
      + `dropped the bench database, removed ${dataDir} and ${scheduleDir}`);
  }
}

if (require.main === module) {
  void benchBooking(Number(process.env.BENCH_SECONDS ?? 5));
}
