import type { Express } from "express";
import request from "supertest";
import { useTwoInstances, whenApplied } from "../../support/two-instances";
import { signInAs } from "../../support/staff-fixtures";

const NOW = "2026-03-02T10:00:00+09:00";
const { a, b } = useTwoInstances("rules", NOW);
/** Made-up figures, clearly test data: not the real 2027 기준 중위소득. */
const TEST_TABLE_2027 = { 1: 2_700_000, 2: 4_400_000, 3: 5_600_000, 4: 6_800_000, 5: 7_900_000, 6: 8_900_000 };

/** Whether a single person earning 850,000 a month is told about the livelihood benefit (생계급여) on `asOf`. */
async function toldSubsistence(app: Express, asOf: string): Promise<boolean> {
  const res = await request(app).post(`/api/triage/evaluate?asOf=${asOf}`).send({ householdSize: 1, monthlyIncomeKrw: 850_000 }).expect(200);
  const reasons: string[] = res.body.recommendations.find((r: { service: string }) => r.service === "basic_livelihood")?.reasons ?? [];
  return reasons.some((text) => text.includes("생계급여"));
}

describe("rule parameters on two instances (one PostgreSQL, one Redis)", () => {
  it("when instance A publishes a 2027 median-income table, then instance B scores with it by notification, and not before 2027-01-01", async () => {
    expect(await toldSubsistence(b.app, "2027-01-01")).toBe(false);

    const admin = await signInAs(a.app, a.runtime.deps.staffAuth, "admin", NOW);
    const applied = whenApplied(b.runtime, "rules", 1);
    await request(a.app).post("/api/admin/rules/parameters/median_income.monthly/values").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf)
      .send({ effectiveFrom: "2027-01-01", value: TEST_TABLE_2027, source: "TEST DATA, not the published 2027 table" }).expect(200);
    await applied;
    expect(await toldSubsistence(b.app, "2027-01-01")).toBe(true);
    expect(await toldSubsistence(b.app, "2026-12-31")).toBe(false);
  });
});
