import fc from "fast-check";
import { computeMoneyCuts, intervalsOf, representativeOf } from "../../../bot/eligibility/compute-money-cuts";
import { pctOfMedianLine } from "../../../bot/eligibility/median-for-household";
import { scoreTiers } from "../../../bot/eligibility/score-services";
import { loadRuleSet } from "../../../flows/load-rules";
import type { CaseFacts } from "../../../flows/schema/case-facts";
import { creditorTypeValues, crisisEventValues, currentProcedureValues, employmentValues } from "../../../flows/schema/case-facts";
import { serviceIds } from "../../../flows/schema/catalog";
import type { Rule, RuleSet } from "../../../flows/schema/rules";

const ASOF = "2026-03-01";
const MEDIAN = { 1: 2_564_238, 2: 4_199_292, 3: 5_359_036, 4: 6_494_738, 5: 7_556_719, 6: 8_555_952, 7: 9_515_150 };

const rule = (patch: Partial<Rule> & Pick<Rule, "id" | "service" | "when">): Rule => ({
  source: "test", score: 60, reasons: [{ key: `t.reason.${patch.id}` }], nextSteps: [{ key: "t.next" }], ...patch,
});

const small: RuleSet = {
  version: "test-1",
  parameters: [
    { id: "median_income.monthly", description: "m", unit: "krw_by_household_size", source: "test", confirmed: true, values: [{ effectiveFrom: "2026-01-01", value: MEDIAN }] },
    { id: "t.pct", description: "p", unit: "pct_of_median", source: "test", confirmed: true, values: [{ effectiveFrom: "2026-01-01", value: 32 }] },
    { id: "t.cash_max", description: "c", unit: "krw", source: "test", confirmed: true, values: [{ effectiveFrom: "2026-01-01", value: 1_000_000 }] },
  ],
  rules: [
    rule({ id: "poor", service: "basic_livelihood", when: { fact: "incomePctOfMedian", op: "lte", param: "t.pct" } }),
    rule({ id: "cash", service: "anti_loan_shark_loan", when: { all: [{ fact: "urgentCashKrw", op: "gt", value: 0 }, { fact: "urgentCashKrw", op: "lte", param: "t.cash_max" }] } }),
    rule({ id: "old", service: "job_counseling", when: { all: [{ fact: "age", op: "gte", value: 65 }, { fact: "creditScore.score", op: "lt", value: 600 }] } }),
  ],
  urgent: [],
  contacts: [],
};

describe("computeMoneyCuts", () => {
  it("when a rule compares the amount itself, then the cuts are where each comparison turns, said as people read them", () => {
    expect(computeMoneyCuts(small, "urgentCashKrw", {}, ASOF)).toEqual([
      { boundary: 1, won: 0, form: "lte" },
      { boundary: 1_000_001, won: 1_000_000, form: "lte" },
    ]);
  });

  it("when income is read as a share of 기준 중위소득, then the cut is the published line for the household size told", () => {
    const line = (size: 2 | 3) => pctOfMedianLine(MEDIAN[size], 32);
    expect(computeMoneyCuts(small, "monthlyIncomeKrw", { householdSize: 2 }, ASOF)).toEqual([{ boundary: line(2) + 1, won: line(2), form: "lte" }]);
    expect(computeMoneyCuts(small, "monthlyIncomeKrw", { householdSize: 3 }, ASOF)).toEqual([{ boundary: line(3) + 1, won: line(3), form: "lte" }]);
    expect(line(2)).not.toBe(line(3));
  });

  it("when the household size is not known, then income cannot be cut into ranges (typed only)", () => {
    expect(computeMoneyCuts(small, "monthlyIncomeKrw", {}, ASOF)).toBeUndefined();
  });

  it("when the only rule reading the amount is already false, then it gives no cuts", () => {
    expect(computeMoneyCuts(small, "creditScore.score", { age: 30 }, ASOF)).toEqual([]);
    expect(computeMoneyCuts(small, "creditScore.score", { age: 70 }, ASOF)).toEqual([{ boundary: 600, won: 600, form: "lt" }]);
  });

  it("when a flow branch compares the amount, then its turn is a cut too", () => {
    expect(computeMoneyCuts(small, "urgentCashKrw", {}, ASOF, [{ fact: "urgentCashKrw", op: "gte", value: 5_000_000 }]))
      .toEqual(expect.arrayContaining([{ boundary: 5_000_000, won: 5_000_000, form: "lt" }]));
  });

  it("when the amount is read through a derived fact not known to be monotone, or feeds loan figures, then there are no ranges", () => {
    const shipped = loadRuleSet();
    expect(computeMoneyCuts(shipped, "totalDebtKrw", { householdSize: 2 }, ASOF)).toBeUndefined();
    expect(computeMoneyCuts(shipped, "illegalLending.loans.0.receivedKrw", {}, ASOF)).toBeUndefined();
  });
});

describe("intervalsOf and representativeOf", () => {
  it("when cut at 1 and 1,000,001, then the intervals are 0, 1..1,000,000 and above, each with a representative inside", () => {
    const intervals = intervalsOf(computeMoneyCuts(small, "urgentCashKrw", {}, ASOF) ?? []);
    expect(intervals.map(({ min, max }) => [min, max])).toEqual([[0, 0], [1, 1_000_000], [1_000_001, undefined]]);
    expect(intervals.map(representativeOf)).toEqual([0, 500_000, 1_010_000]);
  });
});

/**
 * The promise range buttons rest on: with the cuts worked out from what is known when the money
 * question is asked, every amount in an interval gives the same tiers, scores and urgent help as
 * its representative, whatever else is told afterwards.
 */
describe("computeMoneyCuts (property, shipped rules)", () => {
  const shipped = loadRuleSet();
  const scope = { services: new Set(serviceIds), urgent: true, loans: false };
  const signature = (facts: CaseFacts) => JSON.stringify(scoreTiers(shipped, facts, ASOF, scope));
  const money = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 2_000_000_000 }));
  const factsArb = fc.record({
    householdSize: fc.integer({ min: 1, max: 10 }),
    monthlyIncomeKrw: money,
    annualIncomeKrw: money,
    totalDebtKrw: money,
    securedDebtKrw: money,
    urgentCashKrw: money,
    canCoverLivingCosts: fc.boolean(),
    overdueDays: fc.integer({ min: 0, max: 1000 }),
    age: fc.integer({ min: 19, max: 90 }),
    welfareStatus: fc.constantFrom("none", "basic_livelihood", "near_poverty", "single_parent"),
    employment: fc.constantFrom(...employmentValues),
    employedMonths: fc.integer({ min: 0, max: 120 }),
    gyeonggiResident: fc.boolean(),
    severeDisability: fc.boolean(),
    currentProcedure: fc.constantFrom(...currentProcedureValues),
    creditorTypes: fc.subarray([...creditorTypeValues]),
    crisisEvents: fc.subarray([...crisisEventValues]),
    creditScore: fc.record({ bureau: fc.constantFrom("NICE" as const, "KCB" as const), score: fc.integer({ min: 0, max: 1000 }) }),
  }, { requiredKeys: [] });
  const paths = ["monthlyIncomeKrw", "annualIncomeKrw", "urgentCashKrw"] as const;

  it("when any amount inside an interval is scored, then it scores as the interval's representative, even with facts told later", () => {
    let checked = 0;
    fc.assert(fc.property(
      factsArb, fc.constantFrom(...paths), fc.array(fc.boolean(), { minLength: 19, maxLength: 19 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
      (all, path, knownMask, picks) => {
        const full = { ...all } as Record<string, unknown>;
        const known = Object.fromEntries(Object.entries(full).filter(([key], i) => key !== path && knownMask[i % knownMask.length] === true)) as CaseFacts;
        const cuts = computeMoneyCuts(shipped, path, known, ASOF);
        if (cuts === undefined) return;
        for (const interval of intervalsOf(cuts)) {
          const top = interval.max ?? interval.min + 100_000_000;
          const expected = signature({ ...full, [path]: representativeOf(interval) } as CaseFacts);
          const others = [interval.min, top, ...picks.map((p) => interval.min + Math.floor(p * (top - interval.min)))];
          for (const won of others) {
            checked += 1;
            expect({ path, won, facts: signature({ ...full, [path]: won } as CaseFacts) }).toEqual({ path, won, facts: expected });
          }
        }
      },
    ), { numRuns: 300, seed: 20261202 });
    expect(checked).toBeGreaterThan(300);
  });
});
