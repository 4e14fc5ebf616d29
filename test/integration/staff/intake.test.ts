import { Writable } from "node:stream";
import type { Express } from "express";
import request from "supertest";
import type { UserInput } from "../../../bot/nodes/answer";
import { parseConfig } from "../../../server/config";
import { runRetentionCycle } from "../../../server/intake/retention-job";
import { createLogger } from "../../../server/logging/create-logger";
import { writeTestSchedule } from "../../support/booking-schedule";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../../support/flow-harness";
import { storeBackends } from "../../support/store-backends";
import { buildTestApp } from "../../support/test-app";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const NAME = "김비밀";
const PHONE = "010-4321-8765";

const backends = storeBackends("intake", { tables: ["bookings", "idempotency_keys", "intakes", "question_corrections", "outbox"], skipRedisKeys: ["session:"] });

const TRIAGE = walkInputs(CARD_DEBTOR_ANSWERS, { now: NOW });

async function chat(app: Express, inputs: UserInput[]): Promise<string> {
  const created = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
  const sessionId = String(created.body.sessionId);
  for (const input of inputs) await request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(input).expect(200);
  return sessionId;
}

const web = (id: string) => ({ channel: "web" as const, id });

describe.each(backends)("intakes (%s)", (_name, makeBackend) => {
  const backend = makeBackend();
  const schedule = writeTestSchedule(2);
  let clock = Date.parse(NOW);
  const { app, runtime } = buildTestApp({ env: { ...backend.env, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" }, clock: () => new Date(clock) });
  const intakes = runtime.deps.intakes;
  let sessionId = "";
  let code = "";

  beforeAll(async () => {
    await runtime.ready();
    sessionId = await chat(app, TRIAGE);
  });
  afterAll(async () => {
    await runtime.close();
    await backend.cleanup();
    schedule.remove();
  });

  it("when a consenting resident finishes the triage, then an intake keeps the answers (self-reported), facts and evaluation", async () => {
    const intake = await intakes.findForSession(web(sessionId));
    if (!intake) throw new Error("no intake was kept");
    expect(intake).toMatchObject({ channel: "web", lang: "ko", flowId: "default", facts: { totalDebtKrw: 25_000_000, overdueDays: 45, householdSize: 2 } });
    expect(intake.sessionRef).not.toContain(sessionId);
    expect(intake.answers).toContainEqual({ nodeId: "total_debt", questionKey: expect.stringMatching(/^flow\./), value: 25_000_000, source: "self_reported" });
    expect(intake.answers).toContainEqual(expect.objectContaining({ nodeId: "consent", value: true }));
    expect(intake.evaluation.recommendations.length).toBeGreaterThan(0);
    expect(intake.evaluation.recommendations[0]?.reasons.length).toBeGreaterThan(0);
    expect(intake.deleteAfter).toBe(new Date(Date.parse(NOW) + 30 * 86_400_000).toISOString());
  });

  it("when the resident answers her own income by tapping a range, then the stored intake keeps the range beside the amount kept for the rules", async () => {
    const ranged = await chat(app, walkInputs({ ...CARD_DEBTOR_ANSWERS, own_income: { optionId: "range:35000001-45000000" } }, { now: NOW, refine: true }));
    const intake = await intakes.findForSession(web(ranged));
    if (!intake) throw new Error("no intake was kept");
    expect(intake.answers).toContainEqual({
      nodeId: "own_income", questionKey: expect.stringMatching(/^flow\./), value: 40_000_000, source: "self_reported",
      range: { min: 35_000_001, max: 45_000_000, label: { key: "engine.range.year.between", params: { min: 35_000_000, lower: "lte", max: 45_000_000, upper: "lte" } } },
    });
    expect(intake.answers.find((answer) => answer.nodeId === "total_debt")?.range).toBeUndefined();
    // The tests after this one count intakes: this one goes.
    await request(app).delete(`/api/chat/sessions/${ranged}`).expect(204);
  });

  it("when the resident declines consent, then no intake is kept", async () => {
    const declined = await chat(app, [{ optionId: "decline" }]);
    expect(await intakes.findForSession(web(declined))).toBeUndefined();
  });

  it("when the resident books from the chat session, then the intake follows the booking and is kept 90 days after it", async () => {
    const slots = await request(app).get("/api/slots?specialty=debt&from=2026-12-04&days=1").expect(200);
    const slotId = String(slots.body.slots[0].id);
    const res = await request(app).post("/api/bookings").send({ slotId, name: NAME, phone: PHONE, consent: true, sessionId }).expect(201);
    code = String(res.body.booking.code);
    const intake = await intakes.findForSession(web(sessionId));
    expect(intake).toMatchObject({ bookingCode: code, appointmentStart: res.body.booking.start });
    expect(intake?.deleteAfter).toBe(new Date(Date.parse(String(res.body.booking.start)) + 90 * 86_400_000).toISOString());
    expect((await intakes.findByBookingCode(code))?.id).toBe(intake?.id);
  });

  it("when the store is read directly, then neither the name nor the phone nor a note appears in plain text", async () => {
    const intake = await intakes.findForSession(web(sessionId));
    if (!intake) throw new Error("no intake");
    await intakes.addNote(intake.id, "kim", `전화 ${PHONE} 확인, ${NAME} 님`);
    const raw = await backend.dumpRaw();
    expect(raw).toContain(code);
    for (const plain of [NAME, PHONE, "01043218765", "4321-8765", "43218765", "2500", "25000000"]) expect(raw).not.toContain(plain);
  });

  it("when the retention job runs past deleteAfter, then expired intakes go and only counts are logged", async () => {
    const unbooked = await chat(app, TRIAGE);
    expect(await intakes.findForSession(web(unbooked))).toBeDefined();
    const lines: string[] = [];
    const logger = createLogger("info", new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    clock = Date.parse(NOW) + 31 * 86_400_000;
    expect(await runRetentionCycle({ intakes, now: () => new Date(clock), logger })).toEqual({ deleted: 1 });
    expect(await intakes.findForSession(web(unbooked))).toBeUndefined();
    expect(await intakes.findForSession(web(sessionId))).toBeDefined();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ intakes: { deleted: 1 }, msg: "retention cycle" });
    for (const secret of ["answers", "facts", "25000000", "sessionRef", unbooked]) expect(lines[0]).not.toContain(secret);
    clock = Date.parse(NOW);
  });

  it("when the resident erases the conversation, then the intake is deleted at once", async () => {
    const erasable = await chat(app, TRIAGE);
    expect(await intakes.findForSession(web(erasable))).toBeDefined();
    await request(app).delete(`/api/chat/sessions/${erasable}`).expect(204);
    expect(await intakes.findForSession(web(erasable))).toBeUndefined();
    await request(app).delete(`/api/chat/sessions/${erasable}`).expect(404);
  });

  it("when the resident erases the conversation, then its cancelled booking goes at once and its upcoming one stays until cancelled", async () => {
    const erasable = await chat(app, TRIAGE);
    const book = (hour: number, n: number) => request(app).post("/api/bookings")
      .send({ slotId: `debt@2026-12-07T${hour}:00+09:00`, name: NAME, phone: `010-4321-${8700 + n}`, consent: true, sessionId: erasable }).expect(201);
    const cancelled = String((await book(10, 1)).body.booking.code);
    await request(app).post("/api/bookings/cancel").send({ code: cancelled, phone: "010-4321-8701" }).expect(200);
    const upcoming = String((await book(11, 2)).body.booking.code);
    await request(app).delete(`/api/chat/sessions/${erasable}`).expect(204);
    expect(await runtime.deps.bookings.findByCode(cancelled)).toBeUndefined();
    expect((await runtime.deps.bookings.findByCode(upcoming))?.status).toBe("confirmed");
  });
});

describe("DATA_ENCRYPTION_KEY", () => {
  it("when production starts without it, then the configuration is refused, naming it", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => parseConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(/DATA_ENCRYPTION_KEY: base64 of 32 bytes/);
    expect(parseConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), KAKAO_BOT_ID: "bot" }).DATA_ENCRYPTION_KEY).toBeDefined();
    expect(parseConfig({ NODE_ENV: "development" }).DATA_ENCRYPTION_KEY).toBeUndefined();
  });
});
