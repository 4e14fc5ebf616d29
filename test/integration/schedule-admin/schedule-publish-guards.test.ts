import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { loadSchedule } from "../../../flows/load-schedule";
import type { ScheduleInput } from "../../../flows/schema/schedule";
import { THURSDAY_MORNING } from "../../support/booking-schedule";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/** Before and around publishing: the dry run, the version check between two admins, restoring the shipped file, bodies. */
const NOW = THURSDAY_MORNING;
const BASE = "/api/admin/schedule";
const shipped = loadSchedule();
const shippedJson = JSON.parse(JSON.stringify(shipped));
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-schedule-guards-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW });
let admin = { cookie: "", csrf: "" };

const edited = (edit: Partial<ScheduleInput>): object => ({ ...structuredClone(shipped), ...edit });
const send = (method: "put" | "post", url: string) => request(app)[method](url).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf);
const state = async () => (await request(app).get(BASE).set("Cookie", admin.cookie).expect(200)).body;
const fridaySlots = async (): Promise<number> => (await request(app).get("/api/slots?specialty=debt&from=2026-12-04&days=1").expect(200)).body.slots.length;

beforeAll(async () => {
  admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
});

afterAll(async () => {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("schedule publish guards", () => {
  it("when a schedule is checked, then its warnings are answered and nothing is published or audited", async () => {
    const booked = await request(app).post("/api/bookings").send({ slotId: "debt@2026-12-04T10:00+09:00", name: "김하나", phone: "010-8888-1001", consent: true }).expect(201);
    const slots = await fridaySlots();
    const res = await send("post", `${BASE}/check`).send({ schedule: edited({ closures: [{ date: "2026-12-04", reason: "직원 교육" }] }) }).expect(200);
    expect(res.body).toEqual({ problems: [], warnings: [{ code: booked.body.booking.code, slotStart: "2026-12-04T10:00+09:00", specialty: "debt", reason: "closure" }] });
    expect(JSON.stringify(res.body)).not.toMatch(/김하나|8888/);
    expect(await state()).toMatchObject({ version: null, history: [] });
    expect(await fridaySlots()).toBe(slots);
    const audit = await request(app).get("/api/admin/audit?recordId=schedule").set("Cookie", admin.cookie).expect(200);
    expect(audit.body.entries).toEqual([]);
  });

  it("when a checked schedule is invalid or the body is missing, then 422 names the path like a save, and no body is 400 BODY_REQUIRED", async () => {
    const bad = await send("post", `${BASE}/check`).send({ schedule: edited({ closures: [{ date: "2026-12-09", from: "15:00", to: "10:00" }] }) }).expect(422);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: expect.arrayContaining([{ path: "closures.2026-12-09.to", message: expect.any(String) }]) });
    const extra = await send("post", `${BASE}/check`).send({ schedule: edited({}), note: "not here" }).expect(422);
    expect(extra.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "note" })]));
    for (const [method, url] of [["post", `${BASE}/check`], ["put", BASE], ["post", `${BASE}/rollback`]] as const) {
      const none = await send(method, url).expect(400);
      expect(none.body.error.code).toBe("BODY_REQUIRED");
    }
    expect(await state()).toMatchObject({ version: null, history: [] });
  });

  it("when two admins save from the same version at once, then one is published and the other gets 409 CONFLICT and publishes nothing", async () => {
    const base = (await state()).version;
    expect(base).toBeNull();
    const [first, second] = await Promise.all([
      send("put", BASE).send({ schedule: edited({ closures: [{ date: "2026-12-09" }] }), note: "first", baseVersion: base }),
      send("put", BASE).send({ schedule: edited({ closures: [{ date: "2026-12-10" }] }), note: "second", baseVersion: base }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const lost = first.status === 409 ? first : second;
    expect(lost.body.error).toMatchObject({ code: "CONFLICT", details: { published: 1 } });
    const after = await state();
    expect(after.version).toBe(1);
    expect(after.history).toHaveLength(1);

    await send("put", BASE).send({ schedule: edited({}), baseVersion: null }).expect(409);
    await send("post", `${BASE}/rollback`).send({ version: 1, baseVersion: 7 }).expect(409);
    await send("put", BASE).send({ schedule: edited({}), baseVersion: 1 }).expect(200);
    await send("post", `${BASE}/rollback`).send({ version: 1, baseVersion: 2 }).expect(200);
    expect((await state()).version).toBe(3);
  });

  it("when an admin restores the shipped file from GET's shipped, then it is published as a new version and in force", async () => {
    const before = await state();
    expect(before.shipped).toEqual(shippedJson);
    expect(before.schedule).not.toEqual(shippedJson);
    const restored = await send("put", BASE).send({ schedule: before.shipped, note: "restore the shipped file", baseVersion: before.version }).expect(200);
    expect(restored.body).toMatchObject({ version: before.version + 1, schedule: shippedJson });
    const after = await state();
    expect(after).toMatchObject({ version: before.version + 1, schedule: shippedJson, shipped: shippedJson });
    expect(after.history.at(-1)).toMatchObject({ note: "restore the shipped file" });
  });

  it("when the published version no longer parses, then GET names it as the base with unreadable and the version in force, and a save or rollback from there works", async () => {
    const good = await state();
    const writeBad = async () => (await runtime.deps.scheduleAdmin.store.publishVersion({
      flowId: "schedule", yaml: "weeklyHours: every day\n", texts: {}, createdBy: "boss", createdAt: "2026-12-02T23:00:00.000Z", note: "written by an older release",
    }, true)).version;
    const bad = await writeBad();
    const stuck = await state();
    expect(stuck).toMatchObject({ version: bad, unreadable: true, inForce: good.version, schedule: good.schedule });
    expect(stuck.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining("weeklyHours") })]));
    await send("put", BASE).send({ schedule: edited({}), baseVersion: good.version }).expect(409);

    const saved = await send("put", BASE).send({ schedule: edited({ closures: [{ date: "2026-12-11" }] }), note: "replace the unreadable one", baseVersion: stuck.version }).expect(200);
    expect(saved.body.version).toBe(bad + 1);
    const fixed = await state();
    expect(fixed).toMatchObject({ version: bad + 1, schedule: { closures: [{ date: "2026-12-11" }] } });
    expect(fixed).not.toHaveProperty("unreadable");

    const badAgain = await writeBad();
    const rolled = await send("post", `${BASE}/rollback`).send({ version: good.version, baseVersion: (await state()).version }).expect(200);
    expect(rolled.body.version).toBe(badAgain + 1);
    expect(await state()).toMatchObject({ version: badAgain + 1, schedule: good.schedule });
  });
});
