import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { SAFETY_OVERRIDE, SHIPPED_YAML, editedFlow } from "../../support/flow-drafts";
import { writeTestSchedule } from "../../support/booking-schedule";
import { signInAs, triageAndBook } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const URL = "/api/admin/flows/default/analytics";
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-analytics-api-"));
const schedule = writeTestSchedule(4);
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" }, now: NOW });
let admin = { cookie: "", csrf: "" };
let staff = { cookie: "", csrf: "" };
let v1Booking = { code: "", start: "", sessionId: "" };
let v2Booking = { code: "", start: "", sessionId: "" };

type NodeCounts = { id: string; type: string; reached: number; left: number };
const nodeOf = (body: { nodes: NodeCounts[] }, id: string): NodeCounts | undefined => body.nodes.find((n) => n.id === id);
const analytics = (query = "") => request(app).get(`${URL}${query}`).set("Cookie", admin.cookie);
const staffPost = (url: string, body: object) => request(app).post(url).set("Cookie", staff.cookie).set("X-CSRF-Token", staff.csrf).send(body);

/** A conversation that consents and then stops at the safety question. */
async function startAndConsent(): Promise<string> {
  const created = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
  return String(created.body.sessionId);
}
const answer = (sessionId: string, body: object) => request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(body).expect(200);

async function intakeQuestion(code: string, nodeId: string): Promise<string> {
  const list = await request(app).get(`/api/staff/appointments?code=${code}`).set("Cookie", staff.cookie).expect(200);
  const intakeId = String(list.body.appointments[0].intakeId);
  const summary = await request(app).get(`/api/staff/intakes/${intakeId}`).set("Cookie", staff.cookie).expect(200);
  const item = summary.body.intake.answers.items.find((a: { nodeId: string }) => a.nodeId === nodeId);
  return String(item?.question ?? "");
}

beforeAll(async () => {
  admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
  staff = await signInAs(app, runtime.deps.staffAuth, "staff", NOW);
});

afterAll(async () => {
  await runtime.close();
  schedule.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe("flow analytics API", () => {
  it("when nothing ran yet, then the published version reads zero over its question and end nodes in flow order", async () => {
    const res = await analytics().expect(200);
    expect(res.body).toMatchObject({ flowId: "default", version: 1, versions: [1], started: 0, finished: 0, booked: 0, attended: 0, services: [] });
    expect(res.body.nodes.slice(0, 2).map((n: NodeCounts) => n.id)).toEqual(["consent", "declined"]);
    expect(res.body.nodes.every((n: NodeCounts) => n.reached === 0 && n.left === 0)).toBe(true);
    expect(res.body.nodes.map((n: NodeCounts) => n.type)).not.toContain("message");
  });

  it("when conversations run on version 1, a version is published, and more run, then each counts on the version it began on", async () => {
    v1Booking = await triageAndBook(app, "010-1111-2222", NOW);
    const abandoned = await startAndConsent();
    await answer(abandoned, { optionId: "agree" });
    await answer(abandoned, { text: "음… 그게 좀 복잡해요" });
    const spanning = await startAndConsent();

    await request(app).put("/api/admin/flows/default/draft").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf)
      .send({ yaml: SHIPPED_YAML, texts: SAFETY_OVERRIDE, note: "clearer safety question" }).expect(200);
    await request(app).post("/api/admin/flows/default/publish").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({}).expect(200);
    await answer(spanning, { optionId: "agree" });
    v2Booking = await triageAndBook(app, "010-3333-4444", NOW);

    const v1 = (await analytics("?version=1").expect(200)).body;
    expect(v1).toMatchObject({ version: 1, versions: [1, 2], started: 3, finished: 1, booked: 1, attended: 0 });
    expect(nodeOf(v1, "consent")).toMatchObject({ id: "consent", type: "single_choice", reached: 3, left: 0 });
    expect(nodeOf(v1, "safety_check")).toMatchObject({ id: "safety_check", type: "yes_no", reached: 3, left: 2 });
    expect(v1.services.length).toBeGreaterThan(0);
    expect(v1.services[0].name).not.toMatch(/^services\./);
    expect(v1.services.every((s: { recommended: number }) => s.recommended === 1)).toBe(true);
    const ended = v1.nodes.filter((n: NodeCounts) => n.type === "end" && n.reached > 0);
    expect(ended.map((n: NodeCounts) => [n.reached, n.left])).toEqual([[1, 0]]);

    const v2 = (await analytics().expect(200)).body;
    expect(v2).toMatchObject({ version: 2, versions: [1, 2], started: 1, finished: 1, booked: 1, attended: 0 });
    expect(nodeOf(v2, "safety_check")).toMatchObject({ reached: 1, left: 0, text: "새 문구: 지금 안전하신가요?" });
  });

  it("when a booking is moved, marked arrived, done, and arrived again, then booked and attended count once on its version", async () => {
    const slots = await request(app).get("/api/slots?specialty=debt&from=2026-12-07&days=1").expect(200);
    await request(app).post("/api/bookings/reschedule").send({ code: v1Booking.code, phone: "010-1111-2222", slotId: slots.body.slots[0].id }).expect(200);
    for (const status of ["arrived", "done", "arrived"]) await staffPost(`/api/staff/bookings/${v1Booking.code}/status`, { status }).expect(200);
    const v1 = (await analytics("?version=1").expect(200)).body;
    expect(v1).toMatchObject({ booked: 1, attended: 1 });
    const v2 = (await analytics("?version=2").expect(200)).body;
    expect(v2).toMatchObject({ booked: 1, attended: 0 });
  });

  it("when a resident cancels and books anew from the same conversation, then booked still counts once on its version", async () => {
    await request(app).post("/api/bookings/cancel").send({ code: v2Booking.code, phone: "010-3333-4444" }).expect(200);
    const slots = await request(app).get("/api/slots?specialty=debt&from=2026-12-08&days=1").expect(200);
    const rebooked = await request(app).post("/api/bookings")
      .send({ slotId: slots.body.slots[0].id, name: "이민지", phone: "010-3333-4444", consent: true, sessionId: v2Booking.sessionId }).expect(201);
    expect(rebooked.body.booking.code).not.toBe(v2Booking.code);
    v2Booking = { ...v2Booking, code: String(rebooked.body.booking.code) };
    const v2 = (await analytics("?version=2").expect(200)).body;
    expect(v2).toMatchObject({ booked: 1, attended: 0 });
  });

  it("when staff click arrived twice at once, then mark no-show and arrived again, then attended counts once", async () => {
    const url = `/api/staff/bookings/${v2Booking.code}/status`;
    await Promise.all([staffPost(url, { status: "arrived" }).expect(200), staffPost(url, { status: "arrived" }).expect(200)]);
    for (const status of ["no_show", "arrived", "done"]) await staffPost(url, { status }).expect(200);
    const v2 = (await analytics("?version=2").expect(200)).body;
    expect(v2).toMatchObject({ booked: 1, attended: 1 });
  });

  it("when staff read intakes, then each shows the question wording of the version its resident ran", async () => {
    await expect(intakeQuestion(v2Booking.code, "safety_check")).resolves.toBe("새 문구: 지금 안전하신가요?");
    await expect(intakeQuestion(v1Booking.code, "safety_check")).resolves.toContain("스스로를 해치고 싶은");
  });

  it("when the version is not a number, unknown, or the flow is unknown (whatever the version), then 422 or 404; an unknown ?lang= falls back; staff without admin get 403", async () => {
    const bad = await analytics("?version=abc").expect(422);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: "version" })]);
    await analytics("?version=9").expect(404);
    await request(app).get("/api/admin/flows/other/analytics").set("Cookie", admin.cookie).expect(404);
    await request(app).get("/api/admin/flows/other/analytics?version=abc").set("Cookie", admin.cookie).expect(404);
    await analytics("?lang=fr").expect(200);
    await request(app).get(URL).set("Cookie", staff.cookie).expect(403);
    await request(app).get(URL).expect(401);
  });

  it("when the OpenAPI document is read, then the analytics path is in it and says when the flow is not available", async () => {
    const res = await request(app).get("/api/openapi.json").expect(200);
    expect(Object.keys(res.body.paths)).toContain("/api/admin/flows/{flowId}/analytics");
    expect(JSON.stringify(res.body.paths["/api/admin/flows/{flowId}/analytics"])).toContain("flowAvailable");
  });

  it("when a stored version's flow no longer builds, then its counters come over the node ids they name only, marked as without its flow", async () => {
    const { store } = runtime.deps.flowAdmin;
    const broken = await store.publishVersion({ flowId: "default", yaml: editedFlow("start: welcome", "start: nowhere"), texts: {}, createdBy: "test", createdAt: NOW, note: "does not build" }, false);
    expect(broken.version).toBe(3);
    await runtime.deps.flowAnalytics.store.add("default", 3, ["started", "started", "reached:consent", "reached:consent", "answered:consent", "reached:old_question", "finished"]);

    const v3 = (await analytics("?version=3").expect(200)).body;
    expect(v3).toMatchObject({ version: 3, versions: [1, 2, 3], flowAvailable: false, started: 2, finished: 1 });
    expect(v3.nodes).toEqual([
      { id: "consent", type: null, text: "consent", reached: 2, left: 1 },
      { id: "old_question", type: null, text: "old_question", reached: 1, left: 1 },
    ]);
    const v2 = (await analytics("?version=2").expect(200)).body;
    expect(v2.flowAvailable).toBe(true);
    expect(nodeOf(v2, "safety_check")).toMatchObject({ type: "yes_no", reached: 1 });
  });
});
