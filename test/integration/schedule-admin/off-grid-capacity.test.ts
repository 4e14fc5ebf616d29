import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import request from "supertest";
import { loadSchedule } from "../../../flows/load-schedule";
import { THURSDAY_MORNING } from "../../support/booking-schedule";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/**
 * "Never double-book a counsellor" across a grid change: a booking made on the 60-minute grid
 * (10:00–11:00) still holds its counsellor once the admin switches to 90-minute sessions, whose
 * slots (09:00–10:30, 10:30–12:00) overlap it under other slot ids.
 */
const NOW = THURSDAY_MORNING;
const shipped = loadSchedule();
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-off-grid-"));
const prefix = uniquePrefix("off-grid");
const backends = [
  ["SQLite", buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW })],
  ["Redis", buildTestApp({ env: { REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix, REMINDERS_ENABLED: "false" }, now: NOW })],
] as const;

afterAll(async () => {
  await Promise.all(backends.map(([, built]) => built.runtime.close()));
  rmSync(dir, { recursive: true, force: true });
  const redis = new Redis(SHARED_REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe.each(backends)("off-grid bookings on %s", (_name, { app, runtime }) => {
  let admin = { cookie: "", csrf: "" };
  let offGridCode = "";
  const debt = (counsellors: number, slotMinutes: number) => ({ ...structuredClone(shipped), specialties: { ...shipped.specialties, debt: { counsellors, slotMinutes } } });
  const publish = async (schedule: object) =>
    (await request(app).put("/api/admin/schedule").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ schedule }).expect(200)).body;
  const slotsOn = async (date: string): Promise<Array<{ start: string; remaining: number }>> =>
    (await request(app).get(`/api/slots?specialty=debt&from=${date}&days=1`).expect(200)).body.slots;
  const book = (slotId: string, phone: string) => request(app).post("/api/bookings").send({ slotId, name: "김하나", phone, consent: true });
  const phone = (n: number) => `010-7${_name === "Redis" ? 1 : 0}00-${String(1000 + n)}`;

  beforeAll(async () => {
    for (let i = 0; i < 50 && (await request(app).get("/readyz")).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
  });

  it("when a 60-minute booking is left off a 90-minute grid with 1 counsellor, then the overlapping slots are not offered, booking or moving into them is refused, and the save warns off_grid", async () => {
    await publish(debt(1, 60));
    const kept = await book("debt@2026-12-04T10:00+09:00", phone(1)).expect(201);
    const code = String(kept.body.booking.code);
    offGridCode = code;
    const saved = await publish(debt(1, 90));
    expect(saved.warnings).toEqual([{ code, slotStart: "2026-12-04T10:00+09:00", specialty: "debt", reason: "off_grid" }]);

    expect((await slotsOn("2026-12-04")).map((slot) => slot.start)).toEqual(["2026-12-04T13:00+09:00", "2026-12-04T14:30+09:00", "2026-12-04T16:00+09:00"]);
    const refused = await book("debt@2026-12-04T09:00+09:00", phone(2)).expect(409);
    expect(refused.body.error).toMatchObject({ code: "SLOT_TAKEN", details: { reason: "full" } });
    await book("debt@2026-12-04T10:30+09:00", phone(2)).expect(409);

    const other = await book("debt@2026-12-07T09:00+09:00", phone(3)).expect(201);
    const moved = await request(app).post("/api/bookings/reschedule").send({ code: other.body.booking.code, phone: phone(3), slotId: "debt@2026-12-04T10:30+09:00" }).expect(409);
    expect(moved.body.error.code).toBe("SLOT_TAKEN");
  });

  it("when the off-grid booking itself moves onto the new grid, then it does not count against itself and frees the slot it no longer overlaps", async () => {
    await request(app).post("/api/bookings/reschedule").send({ code: offGridCode, phone: phone(1), slotId: "debt@2026-12-04T09:00+09:00" }).expect(200);
    expect((await slotsOn("2026-12-04")).map((slot) => slot.start)).toEqual(["2026-12-04T10:30+09:00", "2026-12-04T13:00+09:00", "2026-12-04T14:30+09:00", "2026-12-04T16:00+09:00"]);
  });

  it("when 2 counsellors share a grid change, then each overlapping slot offers 1 place and only 1 more booking gets in", async () => {
    await publish(debt(2, 60));
    await book("debt@2026-12-08T10:00+09:00", phone(4)).expect(201);
    await publish(debt(2, 90));
    const tuesday = await slotsOn("2026-12-08");
    expect(tuesday.slice(0, 2)).toEqual([{ start: "2026-12-08T09:00+09:00", remaining: 1 }, { start: "2026-12-08T10:30+09:00", remaining: 1 }].map((slot) => expect.objectContaining(slot)));
    expect(tuesday[2]).toMatchObject({ start: "2026-12-08T13:00+09:00", remaining: 2 });
    await book("debt@2026-12-08T09:00+09:00", phone(5)).expect(201);
    const refused = await book("debt@2026-12-08T09:00+09:00", phone(6)).expect(409);
    expect(refused.body.error.code).toBe("SLOT_TAKEN");
    expect((await slotsOn("2026-12-08")).map((slot) => slot.start)).not.toContain("2026-12-08T09:00+09:00");
  });
});
