import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import type { StaffRole } from "../../../bot/staff/staff-ports";
import { signInAs, triageAndBook } from "../../support/staff-fixtures";
import { writeTestSchedule } from "../../support/booking-schedule";
import { buildTestApp } from "../../support/test-app";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const PASSWORD = "correct horse battery";

describe("staff appointments API", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-appointments-"));
  const schedule = writeTestSchedule(2);
  const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" }, now: NOW });
  const sessions: Record<StaffRole, { cookie: string; csrf: string }> = { staff: { cookie: "", csrf: "" }, admin: { cookie: "", csrf: "" } };
  let booked = { code: "", start: "" };
  let intakeId = "";

  const as = (role: StaffRole) => ({
    get: (url: string) => request(app).get(url).set("Cookie", sessions[role].cookie),
    post: (url: string, body: object) => request(app).post(url).set("Cookie", sessions[role].cookie).set("X-CSRF-Token", sessions[role].csrf).send(body),
  });

  beforeAll(async () => {
    for (const role of ["staff", "admin"] as const) {
      sessions[role] = await signInAs(app, runtime.deps.staffAuth, role, NOW, PASSWORD);
    }
    booked = await triageAndBook(app, "010-5555-5678", NOW);
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
    schedule.remove();
  });

  it("when not signed in, then every console route answers 401", async () => {
    const answers = await Promise.all(["/api/staff/appointments", "/api/staff/intakes/00000000-0000-4000-8000-000000000000", "/api/admin/question-corrections"]
      .map((url) => request(app).get(url)));
    expect(answers.map((res) => res.status)).toEqual([401, 401, 401]);
  });

  it("when appointments are listed, then they come by time with the name, a masked phone, the intake and its urgent flags", async () => {
    const res = await as("staff").get("/api/staff/appointments").expect(200);
    expect(res.body.appointments).toHaveLength(1);
    const [appointment] = res.body.appointments;
    expect(appointment).toMatchObject({ code: booked.code, start: booked.start, specialty: "debt", status: "confirmed", name: "이민지", phoneMasked: "010-****-5678" });
    expect(appointment.urgentFlags).toEqual(expect.arrayContaining(["crisis_line_109", "self_harm"]));
    intakeId = String(appointment.intakeId);
    expect((await as("staff").get(`/api/staff/appointments?code=${booked.code.toLowerCase()}`).expect(200)).body.appointments).toHaveLength(1);
    expect((await as("staff").get("/api/staff/appointments?from=2026-12-05&to=2026-12-06").expect(200)).body.appointments).toEqual([]);
    expect((await as("staff").get("/api/staff/appointments?specialty=legal").expect(200)).body.appointments).toEqual([]);
    await as("staff").get("/api/staff/appointments?from=tomorrow").expect(422);
    await as("staff").get("/api/staff/appointments?color=red").expect(422);
  });

  it("when the intake is opened, then urgent items come first, then services with documents, the situation and every answer", async () => {
    const res = await as("staff").get(`/api/staff/intakes/${intakeId}?lang=en`).expect(200);
    const summary = res.body.intake;
    const order = Object.keys(summary).filter((k) => ["urgent", "recommendations", "situation", "answers", "notes"].includes(k));
    expect(order).toEqual(["urgent", "recommendations", "situation", "answers", "notes"]);
    expect(summary.urgent.title).toBe("Urgent");
    expect(summary.urgent.selfHarmRisk).toBe(true);
    expect(summary.urgent.flags.map((f: { code: string }) => f.code)).toContain("self_harm");
    expect(summary.recommendations.items[0]).toMatchObject({ reasons: expect.any(Array), documents: expect.arrayContaining(["ID card"]), top: true });
    expect(summary.situation.debts.rows).toEqual(expect.arrayContaining([
      { key: "totalDebtKrw", label: "Total debt", text: "25 million won" }, { key: "overdueDays", label: "Overdue for", text: "45 days" },
    ]));
    expect(summary.situation.household.rows).toContainEqual({ key: "householdSize", label: "Household", text: "2 people" });
    expect(summary.answers.items).toContainEqual(expect.objectContaining({ nodeId: "total_debt", value: 25_000_000, text: "25 million won", source: "self_reported", corrections: [] }));
    expect((await as("staff").get(`/api/staff/intakes/${intakeId}`).expect(200)).body.intake.urgent.title).toBe("급한 일");
    await as("staff").get("/api/staff/intakes/00000000-0000-4000-8000-000000000000").expect(404);
    await as("staff").get("/api/staff/intakes/not-an-id").expect(404);
  });

  it("when staff add notes and corrections, then they are kept beside the answers and counted per question for admins", async () => {
    await as("staff").post(`/api/staff/intakes/${intakeId}/notes`, { text: "신분증 지참 안내함" }).expect(201);
    await request(app).post(`/api/staff/intakes/${intakeId}/notes`).set("Cookie", sessions.staff.cookie).send({ text: "no csrf" }).expect(403);
    await as("staff").post(`/api/staff/intakes/${intakeId}/notes`, { text: "" }).expect(422);
    await as("staff").post(`/api/staff/intakes/${intakeId}/notes`, { text: "x".repeat(2001) }).expect(422);
    await as("staff").post(`/api/staff/intakes/${intakeId}/corrections`, { nodeId: "total_debt", value: 30_000_000, note: "부채증명서 확인" }).expect(201);
    await as("staff").post(`/api/staff/intakes/${intakeId}/corrections`, { nodeId: "total_debt", value: 31_000_000 }).expect(201);
    await as("staff").post(`/api/staff/intakes/${intakeId}/corrections`, { nodeId: "no_such_question", value: 1 }).expect(422);
    await as("staff").post(`/api/staff/intakes/${intakeId}/corrections`, { nodeId: "total_debt", value: 1, extra: true }).expect(422);
    await as("staff").post("/api/staff/intakes/00000000-0000-4000-8000-000000000000/notes", { text: "?" }).expect(404);
    const summary = (await as("staff").get(`/api/staff/intakes/${intakeId}`).expect(200)).body.intake;
    const debt = summary.answers.items.find((a: { nodeId: string }) => a.nodeId === "total_debt");
    expect(debt).toMatchObject({ value: 25_000_000, source: "self_reported" });
    expect(debt.corrections).toEqual([
      expect.objectContaining({ value: 30_000_000, by: "kim", note: "부채증명서 확인", source: "staff_verified" }),
      expect.objectContaining({ value: 31_000_000, by: "kim", note: null, source: "staff_verified" }),
    ]);
    expect(summary.notes.items).toEqual([{ by: "kim", at: new Date(NOW).toISOString(), text: "신분증 지참 안내함" }]);
    await as("staff").get("/api/admin/question-corrections").expect(403);
    const counts = await as("admin").get("/api/admin/question-corrections").expect(200);
    expect(counts.body.questions).toEqual([{ nodeId: "total_debt", questionKey: expect.stringMatching(/^flow\./), count: 2 }]);
  });

  it("when a booking's status is set, then it changes; unknown codes and statuses are refused", async () => {
    const res = await as("staff").post(`/api/staff/bookings/${booked.code}/status`, { status: "arrived" }).expect(200);
    expect(res.body.appointment).toMatchObject({ code: booked.code, status: "arrived", intakeId });
    const listed = await as("staff").get("/api/staff/appointments").expect(200);
    expect(listed.body.appointments).toEqual([expect.objectContaining({ code: booked.code, status: "arrived" })]);
    await as("staff").post(`/api/staff/bookings/${booked.code}/status`, { status: "lost" }).expect(422);
    await as("staff").post("/api/staff/bookings/XXX-XXX/status", { status: "done" }).expect(404);
  });

  it("when staff looked and changed things, then every view and change is in the audit log, without personal data", async () => {
    const entries = await runtime.deps.audit.log.listAudit({ limit: 200 });
    const actions = entries.map((e) => `${e.action}:${e.recordId}`);
    expect(actions).toEqual(expect.arrayContaining([
      `intake.view:${intakeId}`, `intake.note:${intakeId}`, `intake.correct:${intakeId}`, `booking.status:${booked.code}`,
      "question_corrections.view:all", "appointments.list:2026-12-03..2026-12-10", `appointments.list:${booked.code.toLowerCase()}`,
    ]));
    expect(entries.filter((e) => e.action === "intake.view").every((e) => e.actor.username === "kim")).toBe(true);
    const text = JSON.stringify(entries);
    for (const secret of ["이민지", "5555", "신분증", "30000000"]) expect(text).not.toContain(secret);
  });

  it("when the OpenAPI document is read, then the console paths are in it", async () => {
    const doc = await request(app).get("/api/openapi.json").expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining([
      "/api/staff/appointments", "/api/staff/intakes/{id}", "/api/staff/bookings/{code}/status",
      "/api/staff/intakes/{id}/notes", "/api/staff/intakes/{id}/corrections", "/api/admin/question-corrections",
    ]));
  });
});
