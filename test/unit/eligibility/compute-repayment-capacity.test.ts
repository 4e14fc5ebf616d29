import type { CapacityInput } from "../../../bot/eligibility/compute-repayment-capacity";
import {
  computeIncomeAboveLivingCost, computeLivingCostLine, computeMonthlySurplus, computeRepayableFromSurplus,
} from "../../../bot/eligibility/compute-repayment-capacity";
import type { CaseFacts } from "../../../flows/schema/case-facts";

const TABLE_2026 = { 1: 2_564_238, 2: 4_199_292, 3: 5_359_036, 4: 6_494_738, 5: 7_556_719, 6: 8_555_952, 7: 9_515_150 };
const input = (facts: CaseFacts): CapacityInput => ({ facts, medianTable: TABLE_2026, livingCostPct: 60, planMonths: 36 });

describe("computeRepayableFromSurplus", () => {
  it.each([
    // household, income, total, secured, repayable — 1인 line 1,538,543; 4인 3,896,843; 10인 7,435,646
    [1, 2_538_543, 36_000_000, 0, true],
    [1, 2_538_543, 36_000_001, 0, false],
    [1, 2_538_543, 86_000_000, 50_000_000, true],
    [1, 1_538_543, 1, 0, false],
    [1, 1_000_000, 0, 0, true],
    [4, 4_896_843, 36_000_000, 0, true],
    [4, 4_896_843, 36_000_001, 0, false],
    [10, 8_435_646, 36_000_000, 0, true],
    [10, 8_435_646, 36_000_001, 0, false],
  ])("when %i people earn %i a month and owe %i (%i secured), then repayable is %p", (householdSize, monthlyIncomeKrw, totalDebtKrw, securedDebtKrw, repayable) => {
    expect(computeRepayableFromSurplus(input({ householdSize, monthlyIncomeKrw, totalDebtKrw, securedDebtKrw }))).toEqual({ value: repayable, missing: [] });
  });

  it("when the secured part is untold, then the answer is given only where the whole total and zero agree", () => {
    const base = { householdSize: 1, monthlyIncomeKrw: 2_538_543 };
    expect(computeRepayableFromSurplus(input({ ...base, totalDebtKrw: 36_000_000 })).value).toBe(true);
    expect(computeRepayableFromSurplus(input({ ...base, totalDebtKrw: 36_000_001 }))).toEqual({ value: undefined, missing: ["securedDebtKrw"] });
  });

  it("when household or income is untold, then a resident who says income does not cover living costs repays nothing", () => {
    expect(computeRepayableFromSurplus(input({ canCoverLivingCosts: false, totalDebtKrw: 5_000_000, securedDebtKrw: 0 })).value).toBe(false);
    expect(computeRepayableFromSurplus(input({ canCoverLivingCosts: true, totalDebtKrw: 5_000_000, securedDebtKrw: 0 })))
      .toEqual({ value: undefined, missing: ["householdSize", "monthlyIncomeKrw"] });
    expect(computeRepayableFromSurplus(input({ householdSize: 2 }))).toEqual({ value: undefined, missing: ["totalDebtKrw", "monthlyIncomeKrw"] });
  });

  it("when the table does not cover the household, then household and income are both named as what would settle it", () => {
    const noTable = { facts: { householdSize: 3, monthlyIncomeKrw: 3_000_000, totalDebtKrw: 10_000_000, securedDebtKrw: 0 }, livingCostPct: 60, planMonths: 36 };
    expect(computeRepayableFromSurplus(noTable)).toEqual({ value: undefined, missing: ["householdSize", "monthlyIncomeKrw", "canCoverLivingCosts"] });
  });
});

describe("computeIncomeAboveLivingCost", () => {
  it("when household and income are told, then the line decides even against the resident's own answer", () => {
    expect(computeLivingCostLine(input({ householdSize: 2 }))).toBe(2_519_575);
    expect(computeMonthlySurplus(input({ householdSize: 2, monthlyIncomeKrw: 2_500_000 }))).toBe(-19_575);
    expect(computeIncomeAboveLivingCost(input({ householdSize: 2, monthlyIncomeKrw: 2_519_575, canCoverLivingCosts: true })).value).toBe(false);
    expect(computeIncomeAboveLivingCost(input({ householdSize: 2, monthlyIncomeKrw: 2_519_576, canCoverLivingCosts: false })).value).toBe(true);
  });

  it("when nothing is told, then it is unknown and names household, income and the living-costs answer", () => {
    expect(computeIncomeAboveLivingCost(input({}))).toEqual({ value: undefined, missing: ["householdSize", "monthlyIncomeKrw", "canCoverLivingCosts"] });
    expect(computeIncomeAboveLivingCost(input({ monthlyIncomeKrw: 0 }))).toEqual({ value: undefined, missing: ["householdSize", "canCoverLivingCosts"] });
  });
});
