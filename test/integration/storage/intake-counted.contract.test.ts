import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import type { Intake, IntakeStore } from "../../../bot/intake/intake-ports";
import { PersonalDataCipher } from "../../../server/security/personal-data-cipher";
import { RedisIntakeStore } from "../../../server/storage/redis/redis-intake-store";
import { openSqlite } from "../../../server/storage/sqlite/open-sqlite";
import { SqliteIntakeStore } from "../../../server/storage/sqlite/sqlite-intake-store";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";

type Harness = { store: IntakeStore; corrupt: string[]; close: () => Promise<void> };

const sealer = PersonalDataCipher.fromConfig({});
const BOOKING = { code: "AB12CD", start: "2026-12-04T10:00:00+09:00", deleteAfter: "2027-03-04T10:00:00.000Z" };

/** An intake as recordCompleted writes it; `counted` left out makes a record older than the flags. */
function intake(id: string, extra: Partial<Intake> = {}): Intake {
  return {
    id, sessionRef: `web:${id}`, channel: "web", lang: "ko", createdAt: "2026-12-03T01:00:00.000Z", completedAt: "2026-12-03T01:05:00.000Z",
    flowId: "default", flowVersion: 1, answers: [], corrections: [], facts: {}, evaluation: { asOf: "2026-12-03", rulesVersion: "test", recommendations: [], urgent: [] },
    urgent: [], loans: [], notes: [], deleteAfter: "2027-01-03T01:05:00.000Z", ...extra,
  };
}

const implementations: Array<[string, () => Harness]> = [
  ["redis", () => {
    const redis = new Redis(SHARED_REDIS_URL);
    const watching = redis.duplicate();
    const prefix = uniquePrefix("intake-counted");
    const corrupt: string[] = [];
    return {
      store: new RedisIntakeStore(redis, watching, prefix, sealer, (w) => corrupt.push(w.key)), corrupt,
      close: async () => {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        await Promise.all([redis.quit(), watching.quit()]);
      },
    };
  }],
  ["sqlite", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-intake-counted-"));
    const db = openSqlite(path.join(dir, "hanbeon.sqlite"));
    const corrupt: string[] = [];
    return {
      store: new SqliteIntakeStore(db, sealer, (w) => corrupt.push(w.key)), corrupt,
      close: async () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }],
];

describe.each(implementations)("intake counted flags (%s)", (_name, make) => {
  let harness: Harness;
  beforeEach(() => {
    harness = make();
  });
  afterEach(async () => {
    await harness.close();
  });

  it("when a new intake gets a booking, then the first attach is the first booking and a new code after a cancel is not", async () => {
    await harness.store.saveIntake(intake("new", { counted: {} }));
    const first = await harness.store.attachBooking("web:new", BOOKING);
    expect(first).toMatchObject({ firstBooking: true, intake: { bookingCode: "AB12CD", counted: { booked: true } } });
    const again = await harness.store.attachBooking("web:new", { ...BOOKING, code: "ZX98YW" });
    expect(again).toMatchObject({ firstBooking: false, intake: { bookingCode: "ZX98YW", counted: { booked: true } } });
    expect(await harness.store.findIntakeByBookingCode("AB12CD")).toBeUndefined();
    expect(await harness.store.attachBooking("web:nobody", BOOKING)).toBeUndefined();
  });

  it("when attended is marked three times at once, then exactly one call flips the flag, and it stays on the record", async () => {
    await harness.store.saveIntake(intake("busy", { counted: {}, bookingCode: "AB12CD" }));
    const flips = await Promise.all([1, 2, 3].map(() => harness.store.markCounted("busy", "attended")));
    expect(flips.filter(Boolean)).toHaveLength(1);
    expect(await harness.store.markCounted("busy", "attended")).toBe(false);
    expect((await harness.store.findIntakeById("busy"))?.counted).toEqual({ attended: true });
    expect(await harness.store.markCounted("missing", "attended")).toBe(false);
  });

  it("when a record older than the flags is read, then it still parses; holding a booking, it counts as booked and a new code counts nothing", async () => {
    await harness.store.saveIntake(intake("legacy", { bookingCode: "AB12CD", appointmentStart: BOOKING.start }));
    const read = await harness.store.findIntakeById("legacy");
    expect(read?.id).toBe("legacy");
    expect(read?.counted).toBeUndefined();
    expect(harness.corrupt).toEqual([]);
    expect(await harness.store.attachBooking("web:legacy", { ...BOOKING, code: "ZX98YW" })).toMatchObject({ firstBooking: false, intake: { counted: { booked: true } } });
    expect(await harness.store.markCounted("legacy", "attended")).toBe(true);
    expect((await harness.store.findIntakeById("legacy"))?.counted).toEqual({ booked: true, attended: true });
  });
});
