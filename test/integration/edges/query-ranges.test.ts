import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { writeTestSchedule } from "../../support/booking-schedule";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

const NOW = "2026-12-03T10:00:00+09:00";

/** Dates and numbers in a query outside what the service supports are the caller's mistake: 422, never 500. */
describe("query ranges", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-query-ranges-"));
  const schedule = writeTestSchedule(2);
  const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" }, now: NOW });
  let admin = { cookie: "", csrf: "" };

  beforeAll(async () => {
    await runtime.ready();
    admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
    schedule.remove();
  });

  /** Status, code and the fields the details name. */
  const refusal = (res: request.Response) => ({
    status: res.status, code: res.body?.error?.code,
    paths: Array.isArray(res.body?.error?.details) ? res.body.error.details.map((d: { path: string }) => d.path) : [],
  });

  it.each([
    ["/api/slots?specialty=debt&from=9999-12-31", "from"],
    ["/api/slots?specialty=debt&from=9999-12-01&days=62", "from"],
    ["/api/slots?specialty=debt&from=0001-01-01", "from"],
    ["/api/slots?specialty=debt&days=1e9", "days"],
    ["/api/triage/evaluate?asOf=0001-01-01", "asOf"],
  ])("when %s, then 422 naming the field", async (url, field) => {
    const res = url.startsWith("/api/triage") ? await request(app).post(url).send({}) : await request(app).get(url);
    expect(refusal(res)).toEqual({ status: 422, code: "VALIDATION_FAILED", paths: expect.arrayContaining([field]) });
  });

  it("when the last supported day is asked for with the most days, then the slots answer 200", async () => {
    expect((await request(app).get("/api/slots?specialty=debt&from=2100-12-31&days=62")).status).toBe(200);
  });

  it.each([
    ["/api/staff/appointments?from=0001-01-01", "from"],
    ["/api/staff/appointments?from=2026-12-01&to=9999-12-31", "to"],
    ["/api/admin/audit?from=0001-01-01T00:00:00Z", "from"],
    ["/api/admin/audit?to=%2B275760-09-13T00:00:00Z", "to"],
  ])("when staff ask for %s, then 422 naming the field", async (url, field) => {
    expect(refusal(await request(app).get(url).set("Cookie", admin.cookie))).toEqual({ status: 422, code: "VALIDATION_FAILED", paths: expect.arrayContaining([field]) });
  });
});
