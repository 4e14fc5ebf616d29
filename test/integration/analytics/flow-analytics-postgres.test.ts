import request from "supertest";
import { writeTestSchedule } from "../../support/booking-schedule";
import { postgresRedisBackend } from "../../support/store-backends";
import { signInAs, triageAndBook } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const PHONE = "010-5555-6666";
const backend = postgresRedisBackend("flow-analytics");
const schedule = writeTestSchedule(4);
const { app, runtime } = buildTestApp({ env: { ...backend.env, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" }, now: NOW });
let admin = { cookie: "", csrf: "" };
let staff = { cookie: "", csrf: "" };
let booking = { code: "", start: "", sessionId: "" };

/** The counters once every write the recorder started has reached the store (it never makes a turn wait). */
async function countersOf(version: number): Promise<Record<string, unknown>> {
  await runtime.deps.flowAnalytics.recorder.flush();
  return (await request(app).get(`/api/admin/flows/default/analytics?version=${version}`).set("Cookie", admin.cookie).expect(200)).body;
}
const staffPost = (url: string, body: object) => request(app).post(url).set("Cookie", staff.cookie).set("X-CSRF-Token", staff.csrf).send(body);

beforeAll(async () => {
  await runtime.ready();
  await runtime.ready();
  admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
  staff = await signInAs(app, runtime.deps.staffAuth, "staff", NOW);
});

afterAll(async () => {
  await runtime.close();
  schedule.remove();
  await backend.cleanup();
});

describe("flow analytics API on PostgreSQL and Redis", () => {
  it("when a resident finishes the triage and books, then after the recorder's flush the version reads started, finished and booked once", async () => {
    expect(runtime.storage).toEqual({ records: "postgres", shared: "redis" });
    booking = await triageAndBook(app, PHONE, NOW);
    const v1 = await countersOf(1);
    expect(v1).toMatchObject({ flowId: "default", version: 1, versions: [1], started: 1, finished: 1, booked: 1, attended: 0 });
    expect(v1.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: "consent", reached: 1, left: 0 })]));
  });

  it("when the resident cancels and books anew, then booked still reads 1", async () => {
    await request(app).post("/api/bookings/cancel").send({ code: booking.code, phone: PHONE }).expect(200);
    const slots = await request(app).get("/api/slots?specialty=debt&from=2026-12-07&days=1").expect(200);
    const rebooked = await request(app).post("/api/bookings")
      .send({ slotId: slots.body.slots[0].id, name: "이민지", phone: PHONE, consent: true, sessionId: booking.sessionId }).expect(201);
    booking = { ...booking, code: String(rebooked.body.booking.code) };
    expect(await countersOf(1)).toMatchObject({ booked: 1, attended: 0 });
  });

  it("when staff click arrived three times at once, then no-show and arrived again, then attended reads 1", async () => {
    const url = `/api/staff/bookings/${booking.code}/status`;
    await Promise.all([1, 2, 3].map(() => staffPost(url, { status: "arrived" }).expect(200)));
    for (const status of ["no_show", "arrived"]) await staffPost(url, { status }).expect(200);
    expect(await countersOf(1)).toMatchObject({ started: 1, booked: 1, attended: 1 });
  });
});
