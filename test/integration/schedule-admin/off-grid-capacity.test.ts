import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { loadSchedule } from "../../../flows/load-schedule";
import { THURSDAY_MORNING } from "../../support/booking-schedule";
import { postgresRedisBackend } from "../../support/store-backends";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/**
 * "Never double-book a counsellor" across a grid change: a booking made on the 60-minute grid
 * (10:00–11:00) still holds its counsellor once the admin switches to 90-minute sessions, whose
 * slots (09:00–10:30, 10:30–12:00) overlap it under other slot ids; and once sessions change
 * length while slots keep their starts (60 → 30 minutes), when the old booking keeps an id that is
 * still on the grid.
 */
const NOW = THURSDAY_MORNING;
const shipped = loadSchedule();
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-off-grid-"));
const shared = postgresRedisBackend("offgrid");
const backends = [
  ["SQLite", buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW })],
  ["PostgreSQL and Redis", buildTestApp({ env: { ...shared.env, REMINDERS_ENABLED: "false" }, now: NOW })],
] as const;

afterAll(async () => {
  await Promise.all(backends.map(([, built]) => built.runtime.close()));
  rmSync(dir, { recursive: true, force: true });
  await shared.cleanup();
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
  const check = async (schedule: object): Promise<Array<{ code: string; reason: string }>> =>
    (await request(app).post("/api/admin/schedule/check").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ schedule }).expect(200)).body.warnings;
  const phone = (n: number) => `010-7${_name === "SQLite" ? 0 : 1}00-${String(1000 + n)}`;

  beforeAll(async () => {
    await runtime.ready();
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

  it("when sessions go from 60 to 30 minutes with 1 counsellor, then a 10:00–11:00 booking is warned off_grid and booking or moving into 10:30 is 409 SLOT_TAKEN", async () => {
    await publish(debt(1, 60));
    const kept = await book("debt@2026-12-09T10:00+09:00", phone(7)).expect(201);
    const code = String(kept.body.booking.code);
    const warning = { code, slotStart: "2026-12-09T10:00+09:00", specialty: "debt", reason: "off_grid" };
    expect(await check(debt(1, 30))).toContainEqual(warning);
    expect((await publish(debt(1, 30))).warnings).toContainEqual(warning);

    const refused = await book("debt@2026-12-09T10:30+09:00", phone(8)).expect(409);
    expect(refused.body.error).toMatchObject({ code: "SLOT_TAKEN", details: { reason: "full" } });
    expect(refused.body.error.details.alternatives.map((slot: { start: string }) => slot.start)).not.toContain("2026-12-09T10:00+09:00");
    await book("debt@2026-12-09T10:00+09:00", phone(8)).expect(409);
    const other = await book("debt@2026-12-09T11:00+09:00", phone(8)).expect(201);
    const moved = await request(app).post("/api/bookings/reschedule").send({ code: other.body.booking.code, phone: phone(8), slotId: "debt@2026-12-09T10:30+09:00" }).expect(409);
    expect(moved.body.error.code).toBe("SLOT_TAKEN");
    const morning = await runtime.deps.bookings.listBookings("2026-12-09T09:00+09:00", "2026-12-09T11:00+09:00");
    expect(morning.filter((booking) => booking.status !== "cancelled").map((booking) => booking.code)).toEqual([code]);
  });

  it("when sessions go from 30 to 60 minutes with 1 counsellor, then 09:00–09:30 and 10:30–11:00 bookings are warned off_grid and the 60-minute slots they overlap are refused", async () => {
    await publish(debt(1, 30));
    const early = await book("debt@2026-12-10T09:00+09:00", phone(9)).expect(201);
    const late = await book("debt@2026-12-10T10:30+09:00", phone(10)).expect(201);
    const expected = [
      { code: String(early.body.booking.code), slotStart: "2026-12-10T09:00+09:00", specialty: "debt", reason: "off_grid" },
      { code: String(late.body.booking.code), slotStart: "2026-12-10T10:30+09:00", specialty: "debt", reason: "off_grid" },
    ];
    const thursday = (warnings: Array<{ code: string }>) => warnings.filter((w) => expected.some((e) => e.code === w.code));
    expect(thursday(await check(debt(1, 60)))).toEqual(expected);
    expect(thursday((await publish(debt(1, 60))).warnings)).toEqual(expected);

    await book("debt@2026-12-10T09:00+09:00", phone(11)).expect(409);
    const refused = await book("debt@2026-12-10T10:00+09:00", phone(11)).expect(409);
    expect(refused.body.error.code).toBe("SLOT_TAKEN");
    await book("debt@2026-12-10T11:00+09:00", phone(11)).expect(201);
  });
});
