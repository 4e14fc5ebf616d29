import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Express } from "express";
import { Redis } from "ioredis";
import { Kysely, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import request from "supertest";
import type { Turn } from "../../../bot/contract/turn-schema";
import { turnSchema } from "../../../bot/contract/turn-schema";
import type { UserInput } from "../../../bot/nodes/answer";
import { createApp } from "../../../server/app";
import { composeRuntime } from "../../../server/compose";
import { parseConfig } from "../../../server/config";
import { createLogger } from "../../../server/logging/create-logger";
import type { Db } from "../../../server/storage/sql/database-schema";
import { migrateDatabase } from "../../../server/storage/sql/migrate-database";
import { migrations } from "../../../server/storage/sql/migrations";
import { SQLITE_FILE } from "../../../server/storage/sql/open-database";
import { writeTestSchedule } from "../../support/booking-schedule";
import { createTestDatabase, dumpPostgres } from "../../support/postgres-database";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";
import { triageInputs } from "../../support/staff-fixtures";
import { TEST_DATA_KEY } from "../../support/test-app";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const TRIAGE = triageInputs(NOW);
const text = (turn: Turn) => turn.messages.map((m) => m.text).join("\n");
const KAKAO_USER = "7d1e0c2e9b4a4f3b8c6e5d2a1b0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f";

/** A resident of the journey: who they say they are and how they type their phone. */
const KEPT = { name: "최보존", phone: "01098761234", formats: ["01098761234", "010-9876-1234", "010 9876 1234"] };
const ERASED = { name: "박소멸", phone: "010-4321-8765", formats: ["01043218765", "010-4321-8765", "010 4321 8765"] };
const UNFINISHED = { name: "정미완", phone: "010 2468 1357", formats: ["01024681357", "010-2468-1357", "010 2468 1357"] };
/** What the triage answers put into facts and answers (a debt of 25 million won, a self-harm risk), as plain JSON would hold them. */
const PLAIN_FACTS = ['"totalDebtKrw":25000000', "25000000", "2500만원", '"selfHarmRisk":true', '"safety_check"'];

/**
 * Where the records live, read as an attacker with the disk would: `bytes` is everything stored
 * (SQLite: every file in the folder, main file with its free pages, WAL and index; PostgreSQL:
 * every row of every table), `rows` the values of the session, booking and intake rows now.
 */
type RecordStore = { env: Record<string, string>; bytes: () => Promise<Buffer>; rows: () => Promise<string[]>; remove: () => Promise<void> };

/** `redisSessions`: the conversations Redis holds at the end (the kept, the unfinished and the Kakao one), none when sessions live in SQL. */
type Variant = { name: string; records: () => RecordStore; redis: boolean; redisSessions: number };
const variants: Variant[] = [
  { name: "sqlite", records: sqliteRecords, redis: false, redisSessions: 0 },
  { name: "sqlite, sessions in redis", records: sqliteRecords, redis: true, redisSessions: 3 },
  { name: "postgres, sessions in redis", records: postgresRecords, redis: true, redisSessions: 3 },
];

const ROW_VALUES = ["SELECT id, data FROM sessions", "SELECT code, name, phone, sealed_phone, session_ref FROM bookings", "SELECT id, session_ref, data FROM intakes"];
/** Long values only: a sealed value, a hash, a key; short ones (a status) would match anywhere. */
const longValues = (rows: unknown[]) => rows.flatMap((row) => Object.values(row as Record<string, unknown>)).filter((value): value is string => typeof value === "string" && value.length >= 24);

function sqliteRecords(): RecordStore {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-sealed-"));
  const dataDir = path.join(dir, "data");
  return {
    env: { DATA_DIR: dataDir },
    bytes: async () => Buffer.concat(readdirSync(dataDir).map((file) => path.join(dataDir, file)).filter((file) => statSync(file).isFile()).map((file) => readFileSync(file))),
    rows: async () => {
      const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
      try {
        return longValues(ROW_VALUES.flatMap((query) => db.prepare(query).all()));
      } finally {
        db.close();
      }
    },
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresRecords(): RecordStore {
  const database = createTestDatabase("sealed");
  const query = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-sealed-pg-"));
  return {
    env: { DATABASE_URL: database.url, DATA_DIR: dataDir },
    bytes: async () => {
      const tables = await query(async (client) => (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map((row) => row.name));
      return Buffer.from(await dumpPostgres(database.url, tables));
    },
    rows: () => query(async (client) => longValues((await Promise.all(ROW_VALUES.map((text) => client.query(text)))).flatMap((result) => result.rows))),
    remove: async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(variants)("what is kept at rest after a journey and an erase ($name)", (variant) => {
  const records = variant.records();
  const prefix = uniquePrefix("sealed");
  const schedule = writeTestSchedule(3);
  const config = parseConfig({
    NODE_ENV: "test", LOG_LEVEL: "silent", SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", DATA_ENCRYPTION_KEY: TEST_DATA_KEY, ...records.env,
    ...(variant.redis ? { REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix } : {}),
  });
  const runtime = composeRuntime(config, createLogger(config.LOG_LEVEL), () => new Date(NOW));
  const app: Express = createApp(runtime.deps);
  const redis = new Redis(SHARED_REDIS_URL);
  const sessionIds: string[] = [];

  beforeAll(() => runtime.ready());
  afterAll(async () => {
    await runtime.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await records.remove();
    schedule.remove();
  });

  async function send(sessionId: string, body: UserInput | { command: string }): Promise<Turn> {
    const res = await request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(body);
    if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
    return turnSchema.parse(res.body.turn);
  }

  /** A resident at risk of self-harm with 25 million won of card debt, who opens the booking dialog for 12/4 at `hour` and types a name and phone. */
  async function triagedAndTyped(hour: string, who: { name: string; phone: string }): Promise<string> {
    const created = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const sessionId = String(created.body.sessionId);
    sessionIds.push(sessionId);
    for (const input of TRIAGE) await send(sessionId, input);
    await send(sessionId, { text: "상담 예약하기" });
    await send(sessionId, { optionId: "booking:specialty:debt" });
    await send(sessionId, { optionId: "booking:day:2026-12-04" });
    await send(sessionId, { optionId: `booking:time:debt@2026-12-04T${hour}+09:00` });
    await send(sessionId, { text: who.name });
    const asked = await send(sessionId, { text: who.phone });
    expect(asked.options.map((o) => o.id)).toContain("booking:confirm");
    return sessionId;
  }

  async function booked(sessionId: string): Promise<string> {
    const turn = await send(sessionId, { optionId: "booking:confirm" });
    const code = turn.booking?.code;
    if (code === undefined) throw new Error(`not booked: ${text(turn)}`);
    return code;
  }

  /** Every key under the prefix with its value, whatever its type. */
  async function redisText(): Promise<string> {
    const keys = await redis.keys(`${prefix}*`);
    const values = await Promise.all(keys.map(async (key) => {
      switch (await redis.type(key)) {
        case "string": return redis.get(key);
        case "hash": return JSON.stringify(await redis.hgetall(key));
        case "list": return JSON.stringify(await redis.lrange(key, 0, -1));
        case "set": return JSON.stringify(await redis.smembers(key));
        case "zset": return JSON.stringify(await redis.zrange(key, "0", "-1", "WITHSCORES"));
        default: return JSON.stringify(await redis.xrange(key, "-", "+"));
      }
    }));
    return JSON.stringify([keys, values]);
  }

  it("when residents triage, book, leave a booking half typed and one erases everything, then no name, phone, session id or fact is in the files or in Redis, and nothing of the erased one is left", async () => {
    const keptSession = await triagedAndTyped("10:00", KEPT);
    const keptCode = await booked(keptSession);
    const erasedSession = await triagedAndTyped("11:00", ERASED);
    const erasedCode = await booked(erasedSession);
    const unfinishedSession = await triagedAndTyped("13:00", UNFINISHED);
    const kakao = await request(app).post("/kakao/skill").send(kakaoMessage("안녕하세요"));
    expect(kakao.status).toBe(200);

    const beforeErase = new Set(await records.rows());
    await send(erasedSession, { command: "erase" });
    const erased = await send(erasedSession, { text: "네 예약도 취소해 주세요" });
    expect(erased.erased).toBe(true);
    expect(await runtime.deps.bookings.findByCode(erasedCode)).toBeUndefined();
    expect((await runtime.deps.bookings.findByCode(keptCode))?.status).toBe("confirmed");
    await request(app).get(`/api/chat/sessions/${unfinishedSession}`).expect(200);
    const after = new Set(await records.rows());
    const gone = [...beforeErase].filter((value) => !after.has(value));

    const files = await records.bytes();
    const stored = Buffer.concat([files, Buffer.from(await redisText())]);
    // The reading sees what is there: the kept booking's code is stored as is.
    expect(files.includes(Buffer.from(keptCode))).toBe(true);
    expect(await redis.keys(`${prefix}session:*`)).toHaveLength(variant.redisSessions);
    const personal = [
      ...[KEPT, ERASED, UNFINISHED].flatMap((who) => [who.name, ...who.formats]),
      ...sessionIds, KAKAO_USER, ...PLAIN_FACTS,
    ];
    expect(personal.filter((needle) => stored.includes(Buffer.from(needle)))).toEqual([]);
    // The erased rows' sealed values and hashed keys are gone (SQLite: from the main file, the WAL and the free pages too).
    expect(gone.length).toBeGreaterThanOrEqual(3);
    expect(gone.filter((value) => files.includes(Buffer.from(value)))).toEqual([]);
  });
});

type KakaoFixture = { userRequest: { user: { properties: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown>;

function kakaoMessage(utterance: string): object {
  const fixture: KakaoFixture = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "fixtures", "kakao", "first-message.json"), "utf8"));
  const properties = { ...fixture.userRequest.user.properties, botUserKey: KAKAO_USER, bot_user_key: KAKAO_USER };
  return { ...fixture, userRequest: { ...fixture.userRequest, utterance, user: { ...fixture.userRequest.user, id: KAKAO_USER, properties } } };
}

describe("chat sessions stored before sealing", () => {
  it("when a store with plain session rows is migrated, then those rows are deleted at once (they hold facts under the raw id and no longer open)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-legacy-sessions-"));
    const db: Db = new Kysely({ dialect: new SqliteDialect({ database: new Database(path.join(dir, SQLITE_FILE)) }) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo("0001-records")).error).toBeUndefined();
      await db.insertInto("sessions").values({ id: "web:AAAAAAAAAAAAAAAAAAAAAA", data: '{"state":{"facts":{"totalDebtKrw":25000000}}}', expires_ms: Date.parse(NOW) + 86_400_000 }).execute();
      expect(await migrateDatabase(db)).toContain("0002-sealed-sessions");
      expect(await db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
