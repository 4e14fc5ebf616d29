import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

const NOW = "2026-03-02T10:00:00+09:00";
const BASE = "/api/admin/rules";
const MEDIAN = "median_income.monthly";
/** Made-up figures, clearly test data: not the real 2027 기준 중위소득. */
const TEST_TABLE_2027 = { 1: 2_700_000, 2: 4_400_000, 3: 5_600_000, 4: 6_800_000, 5: 7_900_000, 6: 8_900_000, 7: 9_800_000, 8: 10_700_000, 9: 11_600_000, 10: 12_500_000 };
/** A single person earning 850,000 a month: over the 2026 32% line (820,556), under the test 2027 one (864,000). */
const SINGLE_850K = { householdSize: 1, monthlyIncomeKrw: 850_000 };
const FUND_CLOSED = "when a closed small business asks on 2027-01-01, then the fund's window has closed";

const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-rules-admin-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW });
let admin = { cookie: "", csrf: "" };
let staff = { cookie: "", csrf: "" };

const addValue = (id: string, body: object) => request(app).post(`${BASE}/parameters/${id}/values`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send(body);
const removeValue = (id: string, date: string) => request(app).delete(`${BASE}/parameters/${id}/values/${date}`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf);
const livelihoodReasons = async (asOf: string): Promise<string[]> => {
  const res = await request(app).post(`/api/triage/evaluate?asOf=${asOf}`).send(SINGLE_850K).expect(200);
  return res.body.recommendations.find((r: { service: string }) => r.service === "basic_livelihood")?.reasons ?? [];
};
const subsistence = (reasons: string[]) => reasons.some((text) => text.includes("생계급여"));
const parameters = async () => (await request(app).get(`${BASE}/parameters`).set("Cookie", admin.cookie).expect(200)).body;

beforeAll(async () => {
  admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
  staff = await signInAs(app, runtime.deps.staffAuth, "staff", NOW);
});

afterAll(async () => {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("rule parameters admin API", () => {
  it("when nothing was published, then every parameter is listed with its shipped values and the value in force today", async () => {
    const body = await parameters();
    expect(body.version).toBeNull();
    const median = body.parameters.find((p: { id: string }) => p.id === MEDIAN);
    expect(median).toEqual(expect.objectContaining({ id: MEDIAN, unit: "krw_by_household_size", confirmed: false, source: "domain-ko.md §5" }));
    expect(median.inForce).toEqual({ effectiveFrom: "2026-01-01", value: expect.objectContaining({ 1: 2_564_238 }) });
    expect(median.values.map((v: { effectiveFrom: string; origin: string }) => [v.effectiveFrom, v.origin])).toEqual([["2025-01-01", "shipped"], ["2026-01-01", "shipped"]]);
  });

  it("when a staff member who is not an admin asks or changes, then 403, and an admin without the CSRF token is refused too", async () => {
    await request(app).get(`${BASE}/parameters`).set("Cookie", staff.cookie).expect(403);
    await request(app).post(`${BASE}/parameters/${MEDIAN}/values`).set("Cookie", staff.cookie).set("X-CSRF-Token", staff.csrf)
      .send({ effectiveFrom: "2027-01-01", value: TEST_TABLE_2027 }).expect(403);
    await request(app).post(`${BASE}/parameters/${MEDIAN}/values`).set("Cookie", admin.cookie).send({ effectiveFrom: "2027-01-01", value: TEST_TABLE_2027 }).expect(403);
    await request(app).get(`${BASE}/versions`).set("Cookie", staff.cookie).expect(403);
    expect((await parameters()).version).toBeNull();
  });

  it("when a 2027 median-income table effective 2027-01-01 is added, then evaluations from that day change and earlier ones do not", async () => {
    const before = { dec31: await livelihoodReasons("2026-12-31"), jan1: await livelihoodReasons("2027-01-01") };
    expect(subsistence(before.dec31)).toBe(false);
    expect(subsistence(before.jan1)).toBe(false);

    const res = await addValue(MEDIAN, { effectiveFrom: "2027-01-01", value: TEST_TABLE_2027, source: "TEST DATA, not the published 2027 table", note: "2027 table" }).expect(200);
    expect(res.body.version).toBe(1);
    expect(res.body.parameter.values.at(-1)).toEqual({ effectiveFrom: "2027-01-01", value: TEST_TABLE_2027, source: "TEST DATA, not the published 2027 table", confirmed: false, origin: "admin" });
    expect(res.body.parameter.inForce.effectiveFrom).toBe("2026-01-01");

    expect(await livelihoodReasons("2026-12-31")).toEqual(before.dec31);
    expect(subsistence(await livelihoodReasons("2027-01-01"))).toBe(true);
    expect(subsistence(await livelihoodReasons("2027-06-30"))).toBe(true);
    expect((await parameters()).version).toBe(1);
    const evaluation = await request(app).post("/api/triage/evaluate?asOf=2027-01-01").send(SINGLE_850K).expect(200);
    expect(evaluation.body.rulesVersion).toMatch(/^.+\+admin\.1$/);
  });

  it("when a value breaks a rule case, then it is refused with 422 naming the case, and nothing is published", async () => {
    const res = await addValue("fresh_start_fund.applications_until", { effectiveFrom: "2026-06-01", value: "2027-12-31", source: "test" }).expect(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual([{ path: `rule-cases/debt.cases.yaml#${FUND_CLOSED}`, message: "expected fresh_start_fund to be left out; it was shown as likely" }]);
    expect((await parameters()).version).toBe(1);
  });

  it("when a value does not fit the parameter's unit, then 422 names parameters.<id>.values.<effectiveFrom>", async () => {
    const res = await addValue("ccrs.unsecured_cap_krw", { effectiveFrom: "2027-01-01", value: { 1: 100 }, source: "test" }).expect(422);
    expect(res.body.error.details).toEqual([{ path: "parameters.ccrs.unsecured_cap_krw.values.2027-01-01.value", message: expect.stringContaining("not a valid krw value") }]);
    const malformed = await addValue("ccrs.unsecured_cap_krw", { effectiveFrom: "2027-13-01", value: 1, source: "test" }).expect(422);
    expect(malformed.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "effectiveFrom" })]));
    await addValue("no_such.parameter", { effectiveFrom: "2027-01-01", value: 1, source: "test" }).expect(404);
  });

  it("when an admin removes a shipped value, then 422 says it cannot be removed, and a value of the same date supersedes it", async () => {
    const refused = await removeValue(MEDIAN, "2026-01-01").expect(422);
    expect(refused.body.error.code).toBe("VALIDATION_FAILED");
    expect(refused.body.error.details).toEqual([{ path: `parameters.${MEDIAN}.values.2026-01-01`, message: expect.stringMatching(/shipped value cannot be removed; add a value of the same date/) }]);

    const superseded = await addValue("jobs.national_support_min_age", { effectiveFrom: "2020-01-01", value: 15, source: "re-confirmed (test)", confirmed: true }).expect(200);
    expect(superseded.body.parameter.values).toEqual([{ effectiveFrom: "2020-01-01", value: 15, source: "re-confirmed (test)", confirmed: true, origin: "admin" }]);
    const removed = await removeValue("jobs.national_support_min_age", "2020-01-01").expect(200);
    expect(removed.body.parameter.values).toEqual([{ effectiveFrom: "2020-01-01", value: 15, origin: "shipped" }]);
    await removeValue("jobs.national_support_min_age", "2021-01-01").expect(404);
  });

  it("when a removal names a date that is not one, then 422 on effectiveFrom; an unknown parameter is a 404 whatever the date", async () => {
    const notADate = await removeValue(MEDIAN, "2027-13-01").expect(422);
    expect(notADate.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "effectiveFrom", message: "a date as YYYY-MM-DD" }] });
    expect((await removeValue("no_such.parameter", "not-a-date").expect(404)).body.error.code).toBe("NOT_FOUND");
  });

  it("when an admin value is removed and then rolled back, then the history grows and the 2027 table's effect comes and goes with it", async () => {
    const removed = await removeValue(MEDIAN, "2027-01-01").expect(200);
    expect(subsistence(await livelihoodReasons("2027-01-01"))).toBe(false);

    const history = (await request(app).get(`${BASE}/versions`).set("Cookie", admin.cookie).expect(200)).body;
    expect(history.version).toBe(removed.body.version);
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4]);
    expect(history.versions[0]).toEqual({ version: 1, createdBy: "boss", createdAt: "2026-03-02T01:00:00.000Z", note: "2027 table", inForce: false });
    expect(history.versions[0]).not.toHaveProperty("yaml");

    const rolled = await request(app).post(`${BASE}/rollback`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ version: 1 }).expect(200);
    expect(rolled.body.version).toBe(5);
    expect(subsistence(await livelihoodReasons("2027-01-01"))).toBe(true);
    const median = (await parameters()).parameters.find((p: { id: string }) => p.id === MEDIAN);
    expect(median.values.map((v: { origin: string }) => v.origin)).toEqual(["shipped", "shipped", "admin"]);
    await request(app).post(`${BASE}/rollback`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ version: 99 }).expect(404);
  });

  it("when a value comes without its source, then 422 names source: no figure is added unsourced", async () => {
    const res = await addValue("ccrs.unsecured_cap_krw", { effectiveFrom: "2027-01-01", value: 1 }).expect(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: "source" })]);
    await addValue("ccrs.unsecured_cap_krw", { effectiveFrom: "2027-01-01", value: 1, source: "  " }).expect(422);
  });

  it("when two admins add values to different parameters at the same moment, then both values are kept", async () => {
    const before = (await parameters()).version as number;
    await Promise.all([
      addValue("jobs.national_support_min_age", { effectiveFrom: "2028-01-01", value: 16, source: "test A" }).expect(200),
      addValue("jobs.national_support_max_age", { effectiveFrom: "2028-01-01", value: 70, source: "test B" }).expect(200),
    ]);
    const after = await parameters();
    expect(after.version).toBe(before + 2);
    const admins = (id: string) => after.parameters.find((p: { id: string }) => p.id === id).values.filter((v: { origin: string }) => v.origin === "admin");
    expect(admins("jobs.national_support_min_age")).toEqual([expect.objectContaining({ effectiveFrom: "2028-01-01", value: 16 })]);
    expect(admins("jobs.national_support_max_age")).toEqual([expect.objectContaining({ effectiveFrom: "2028-01-01", value: 70 })]);
    expect(admins(MEDIAN)).toHaveLength(1);
  });

  it("when the published version no longer applies to the shipped rules, then changes are refused with 409 until an admin rolls back", async () => {
    const good = (await parameters()).version as number;
    await runtime.deps.rulesAdmin.store.publishVersion({
      flowId: "rules", yaml: "values:\n  - { param: retired.parameter, effectiveFrom: 2027-01-01, value: 1 }\n", texts: {},
      createdBy: "boss", createdAt: "2026-03-02T01:00:00.000Z", note: "written before a deploy retired the parameter",
    }, true);
    const refused = await addValue(MEDIAN, { effectiveFrom: "2028-01-01", value: TEST_TABLE_2027, source: "test" }).expect(409);
    expect(refused.body.error.code).toBe("CONFLICT");
    expect((await parameters()).parameters.find((p: { id: string }) => p.id === MEDIAN).values.map((v: { effectiveFrom: string }) => v.effectiveFrom)).not.toContain("2028-01-01");
    await request(app).post(`${BASE}/rollback`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ version: good }).expect(200);
    await addValue(MEDIAN, { effectiveFrom: "2028-01-01", value: TEST_TABLE_2027, source: "test" }).expect(200);
    expect(subsistence(await livelihoodReasons("2027-01-01"))).toBe(true);
  });

  it("when rule parameters change, then each change is in the audit trail", async () => {
    const res = await request(app).get("/api/admin/audit").set("Cookie", admin.cookie).expect(200);
    const actions: string[] = res.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["rules.value.set", "rules.value.remove", "rules.rollback"]));
  });
});
