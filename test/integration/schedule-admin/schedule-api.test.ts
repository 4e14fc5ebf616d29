import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { parse as parseYaml } from "yaml";
import { loadSchedule } from "../../../flows/load-schedule";
import type { ScheduleInput } from "../../../flows/schema/schedule";
import { THURSDAY_MORNING } from "../../support/booking-schedule";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/** Thursday 3 December 2026, 08:00 in Seoul; Friday the 4th and Monday the 7th are ordinary working days. */
const NOW = THURSDAY_MORNING;
const BASE = "/api/admin/schedule";
const shipped = loadSchedule();
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-schedule-admin-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW });
let admin = { cookie: "", csrf: "" };
let staff = { cookie: "", csrf: "" };

/** The shipped schedule with `edit` laid over it, as an admin would send it. */
const edited = (edit: Partial<ScheduleInput>): object => ({ ...structuredClone(shipped), ...edit });
const save = (schedule: object, note?: string) =>
  request(app).put(BASE).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ schedule, ...(note === undefined ? {} : { note }) });
const slotsOn = async (date: string, specialty = "debt"): Promise<string[]> => {
  const res = await request(app).get(`/api/slots?specialty=${specialty}&from=${date}&days=1`).expect(200);
  return res.body.slots.map((slot: { start: string }) => slot.start);
};
const book = (slotId: string, name: string, phone: string) => request(app).post("/api/bookings").send({ slotId, name, phone, consent: true });

beforeAll(async () => {
  admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
  staff = await signInAs(app, runtime.deps.staffAuth, "staff", NOW);
});

afterAll(async () => {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("schedule admin API", () => {
  it("when nothing was published, then the shipped schedule is in force as version null with no history", async () => {
    const res = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    expect(res.body).toEqual({ version: null, schedule: JSON.parse(JSON.stringify(shipped)), shipped: JSON.parse(JSON.stringify(shipped)), history: [] });
  });

  it("when a staff member who is not an admin asks, then 403, and without a CSRF token an admin's save is refused", async () => {
    await request(app).get(BASE).set("Cookie", staff.cookie).expect(403);
    await request(app).put(BASE).set("Cookie", staff.cookie).set("X-CSRF-Token", staff.csrf).send({ schedule: edited({}) }).expect(403);
    await request(app).put(BASE).set("Cookie", admin.cookie).send({ schedule: edited({ closures: [{ date: "2026-12-04" }] }) }).expect(403);
    expect(await slotsOn("2026-12-04")).not.toEqual([]);
  });

  it("when a closure is saved, then that day's slots are gone, a booking there is refused, and an existing booking is kept and listed as a warning without name or phone", async () => {
    const existing = await book("debt@2026-12-04T10:00+09:00", "김하나", "010-4444-1001").expect(201);
    const code = String(existing.body.booking.code);
    expect(await slotsOn("2026-12-04")).toContain("2026-12-04T11:00+09:00");

    const saved = await save(edited({ closures: [{ date: "2026-12-04", reason: "직원 교육" }] }), "staff training").expect(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.schedule.closures).toEqual([{ date: "2026-12-04", reason: "직원 교육" }]);
    expect(saved.body.warnings).toEqual([{ code, slotStart: "2026-12-04T10:00+09:00", specialty: "debt", reason: "closure" }]);
    expect(JSON.stringify(saved.body)).not.toMatch(/김하나|4444|1001/);

    expect(await slotsOn("2026-12-04")).toEqual([]);
    expect(await slotsOn("2026-12-07")).not.toEqual([]);
    const refused = await book("debt@2026-12-04T11:00+09:00", "이둘", "010-4444-1002").expect(409);
    expect(refused.body.error).toMatchObject({ code: "SLOT_TAKEN", details: { reason: "closed" } });
    const kept = await request(app).post("/api/bookings/lookup").send({ code, phone: "010-4444-1001" }).expect(200);
    expect(kept.body.booking.status).toBe("confirmed");
  });

  it("when a closure gives times, then only the slots it overlaps are gone", async () => {
    await save(edited({ closures: [{ date: "2026-12-04", from: "13:00", reason: "건물 점검" }] })).expect(200);
    expect(await slotsOn("2026-12-04")).toEqual(["2026-12-04T09:00+09:00", "2026-12-04T10:00+09:00", "2026-12-04T11:00+09:00"]);
  });

  it("when a specialty's counsellors are set to 0, then it offers no slots while the others still do", async () => {
    expect(await slotsOn("2026-12-07", "legal")).not.toEqual([]);
    await save(edited({ specialties: { ...shipped.specialties, legal: { counsellors: 0, slotMinutes: 60 } } })).expect(200);
    expect(await slotsOn("2026-12-07", "legal")).toEqual([]);
    expect(await slotsOn("2026-12-08", "legal")).toEqual([]);
    expect(await slotsOn("2026-12-07", "debt")).not.toEqual([]);
  });

  it("when a new holiday is saved, then its day offers no slots", async () => {
    await save(edited({})).expect(200);
    expect(await slotsOn("2026-12-07")).not.toEqual([]);
    await save(edited({ holidays: [...shipped.holidays, { date: "2026-12-07", name: "임시공휴일" }] })).expect(200);
    expect(await slotsOn("2026-12-07")).toEqual([]);
    expect(await slotsOn("2026-12-08")).not.toEqual([]);
  });

  it.each([
    ["overlapping intervals", { weeklyHours: { ...shipped.weeklyHours, mon: [{ from: "09:00", to: "12:00" }, { from: "11:00", to: "14:00" }] } }, "weeklyHours.mon.1.from"],
    ["a duplicate holiday date", { holidays: [...shipped.holidays, { date: "2026-12-25", name: "성탄절 (again)" }] }, "holidays.2026-12-25.date"],
    ["an unknown specialty", { specialties: { ...shipped.specialties, tax: { counsellors: 1, slotMinutes: 30 } } }, "specialties.tax"],
    ["a closure ending before it starts", { closures: [{ date: "2026-12-09", from: "15:00", to: "10:00" }] }, "closures.2026-12-09.to"],
  ])("when the schedule has %s, then 422 VALIDATION_FAILED names the path and nothing is published", async (_kind, edit, at) => {
    const before = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    const res = await save(edited(edit)).expect(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path: at, message: expect.any(String) }]));
    const after = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.history).toHaveLength(before.body.history.length);
  });

  it("when the body is malformed, then 422 names the field", async () => {
    const res = await request(app).put(BASE).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ schedule: "open all day", extra: 1 }).expect(422);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "schedule" }), expect.objectContaining({ path: "extra" })]));
  });

  it("when an admin rolls back to version 1, then it is republished as a new version, its closure is back and later changes are gone", async () => {
    const state = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    const latest = Number(state.body.version);
    expect(await slotsOn("2026-12-07")).toEqual([]);

    const rolled = await request(app).post(`${BASE}/rollback`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ version: 1 }).expect(200);
    expect(rolled.body.version).toBe(latest + 1);
    expect(rolled.body.schedule.closures).toEqual([{ date: "2026-12-04", reason: "직원 교육" }]);
    expect(rolled.body.warnings).toEqual([expect.objectContaining({ slotStart: "2026-12-04T10:00+09:00", reason: "closure" })]);
    expect(await slotsOn("2026-12-04")).toEqual([]);
    expect(await slotsOn("2026-12-07")).not.toEqual([]);

    const after = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    expect(after.body.version).toBe(latest + 1);
    expect(after.body.history.at(0)).toEqual({ version: 1, createdBy: "boss", createdAt: new Date(NOW).toISOString(), note: "staff training" });
    expect(after.body.history.at(-1)).toMatchObject({ version: latest + 1, note: "rollback to version 1" });
    await request(app).post(`${BASE}/rollback`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ version: 99 }).expect(404);
  });

  it("when a version is exported, then its YAML downloads and reads back as that schedule", async () => {
    const res = await request(app).get(`${BASE}/versions/1/export`).set("Cookie", admin.cookie).expect(200);
    expect(res.headers["content-type"]).toContain("text/yaml");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="schedule.v1.yaml"');
    expect(parseYaml(res.text)).toEqual({ ...JSON.parse(JSON.stringify(shipped)), closures: [{ date: "2026-12-04", reason: "직원 교육" }] });
    await request(app).get(`${BASE}/versions/99/export`).set("Cookie", admin.cookie).expect(404);
  });

  it("when the schedule was changed, then every save, rollback and export is in the audit trail", async () => {
    const audit = await request(app).get("/api/admin/audit?recordId=schedule").set("Cookie", admin.cookie).expect(200);
    const actions: string[] = audit.body.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["schedule.publish", "schedule.rollback", "schedule.export"]));
    expect(audit.body.entries.find((entry: { action: string }) => entry.action === "schedule.rollback")).toMatchObject({ actor: { username: "boss" }, detail: { from: 1, warnings: 1 } });
    expect(actions.filter((action) => action === "schedule.publish")).toHaveLength(5);
  });

  it("when the OpenAPI document is read, then the schedule paths are in it", async () => {
    const res = await request(app).get("/api/openapi.json").expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining([BASE, `${BASE}/check`, `${BASE}/rollback`, `${BASE}/versions/{version}/export`]));
  });
});
