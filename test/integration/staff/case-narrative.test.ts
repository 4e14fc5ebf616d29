import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import type { FakeOpenAiServer } from "../../support/fake-openai-server";
import { startFakeOpenAiServer } from "../../support/fake-openai-server";
import { writeTestSchedule } from "../../support/booking-schedule";
import { signInAs, triageAndBook } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";
import { createManualTimers } from "../../support/manual-timers";

const NOW = "2026-12-03T10:00:00+09:00";

/** The machine-written narrative on an intake summary, with the real openai client and a local fake model. */
describe("case narrative on the intake summary", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-narrative-"));
  const schedule = writeTestSchedule(2);
  let fake: FakeOpenAiServer;
  let built: ReturnType<typeof buildTestApp>;
  let intakeId = "";
  const timers = createManualTimers();
  let staff = { cookie: "", csrf: "" };

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    built = buildTestApp({
      env: { DATA_DIR: dir, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.baseURL, EXTRACTION_BUDGET_MS: "1000" },
      now: NOW, timers,
    });
    staff = await signInAs(built.app, built.runtime.deps.staffAuth, "staff", NOW);
    const booked = await triageAndBook(built.app, "010-5555-5678", NOW);
    const list = await request(built.app).get(`/api/staff/appointments?code=${booked.code}`).set("Cookie", staff.cookie).expect(200);
    intakeId = String(list.body.appointments[0].intakeId);
  });
  afterAll(async () => {
    await built.runtime.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    schedule.remove();
  });

  const view = () => request(built.app).get(`/api/staff/intakes/${intakeId}`).set("Cookie", staff.cookie).expect(200);

  it("when the model answers, then the summary carries its text labelled machine-written, written from facts without name or phone", async () => {
    fake.behave({ kind: "answer", answer: () => "카드 빚 2,500만원을 45일 연체 중이에요. 자해 위험 응답이 있어 먼저 확인이 필요해요." });
    const sent = fake.received.length;
    const res = await view();
    expect(res.body.narrative).toEqual({ text: expect.stringContaining("45일"), machineWritten: true, model: expect.any(String) });
    const sentBodies = fake.received.slice(sent).join("\n");
    expect(sentBodies).toContain("totalDebtKrw");
    expect(sentBodies).not.toMatch(/이민지|5555|5678/);
  });

  it("when the model fails or is slow, then the summary comes without a narrative and the fallback is counted", async () => {
    fake.behave({ kind: "status", status: 500 });
    expect((await view()).body.narrative).toBeNull();
    fake.behave({ kind: "hang" });
    timers.skipScheduled();
    const viewing = view().then((res) => res);
    const budget = await timers.next();
    expect(budget.ms).toBe(1000);
    budget.fire();
    expect((await viewing).body.narrative).toBeNull();
    expect(await built.runtime.deps.metrics.registry.getSingleMetricAsString("hanbeon_events_total")).toMatch(/hanbeon_events_total\{kind="narrative_fallback"\} 2/);
  });
});
