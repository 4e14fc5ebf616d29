import { applyParameterOverrides } from "../../../bot/eligibility/apply-parameter-overrides";
import { loadRuleSet } from "../../../flows/load-rules";
import { parseRulesWithOverrides } from "../../../server/rules-admin/live-rules";

const shipped = loadRuleSet();
const shippedCopy = structuredClone(shipped);
const MEDIAN = "median_income.monthly";
/** Made-up figures, clearly test data: not the real 2027 기준 중위소득. */
const TEST_TABLE_2027 = { 1: 2_700_000, 2: 4_400_000, 3: 5_600_000, 4: 6_800_000, 5: 7_900_000, 6: 8_900_000 };
const valuesOf = (ruleSet: typeof shipped, id: string) => ruleSet.parameters.find((p) => p.id === id)?.values ?? [];

describe("applyParameterOverrides", () => {
  it("when an override has a new date, then it is inserted in date order and the shipped values stay", () => {
    const merged = applyParameterOverrides(shipped, [{ param: MEDIAN, effectiveFrom: "2027-01-01", value: TEST_TABLE_2027, source: "test data" }]);
    if (!merged.ok) throw new Error("expected a merge");
    expect(valuesOf(merged.ruleSet, MEDIAN).map((v) => v.effectiveFrom)).toEqual(["2025-01-01", "2026-01-01", "2027-01-01"]);
    expect(valuesOf(merged.ruleSet, MEDIAN)[2]).toEqual({ effectiveFrom: "2027-01-01", value: TEST_TABLE_2027, source: "test data" });
  });

  it("when an override falls between shipped dates, then it lands between them", () => {
    const merged = applyParameterOverrides(shipped, [{ param: MEDIAN, effectiveFrom: "2025-07-01", value: TEST_TABLE_2027 }]);
    if (!merged.ok) throw new Error("expected a merge");
    expect(valuesOf(merged.ruleSet, MEDIAN).map((v) => v.effectiveFrom)).toEqual(["2025-01-01", "2025-07-01", "2026-01-01"]);
  });

  it("when an override has the same date as a shipped value, then it replaces that value and the inputs are not mutated", () => {
    const merged = applyParameterOverrides(shipped, [{ param: MEDIAN, effectiveFrom: "2026-01-01", value: TEST_TABLE_2027, confirmed: true }]);
    if (!merged.ok) throw new Error("expected a merge");
    expect(valuesOf(merged.ruleSet, MEDIAN)).toEqual([valuesOf(shipped, MEDIAN)[0], { effectiveFrom: "2026-01-01", value: TEST_TABLE_2027, confirmed: true }]);
    expect(shipped).toEqual(shippedCopy);
  });

  it("when an override names an unknown parameter or gives one date twice, then each is a problem", () => {
    expect(applyParameterOverrides(shipped, [{ param: "no_such.param", effectiveFrom: "2027-01-01", value: 1 }]))
      .toEqual({ ok: false, problems: [{ path: "parameters.no_such.param", message: 'unknown parameter "no_such.param"' }] });
    const twice = applyParameterOverrides(shipped, [1, 2].map((value) => ({ param: "ccrs.unsecured_cap_krw", effectiveFrom: "2027-01-01", value })));
    expect(twice).toEqual({ ok: false, problems: [{ path: "parameters.ccrs.unsecured_cap_krw.values.2027-01-01", message: "given twice for this date" }] });
  });
});

describe("parseRulesWithOverrides", () => {
  it("when an override's value does not fit the unit, then the problem names the value by its date", () => {
    const result = parseRulesWithOverrides(shipped, [{ param: "ccrs.unsecured_cap_krw", effectiveFrom: "2027-01-01", value: "lots" }]);
    expect(result).toEqual({ ok: false, problems: [{ path: "parameters.ccrs.unsecured_cap_krw.values.2027-01-01.value", message: expect.stringContaining("not a valid krw value") }] });
  });

  it("when there are no overrides, then the shipped rule set comes back", () => {
    expect(parseRulesWithOverrides(shipped, [])).toEqual({ ok: true, value: shipped });
  });
});
