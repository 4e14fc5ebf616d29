import { deriveFacts, derivedFacts, factDependencies } from "../../../bot/eligibility/derive-facts";
import { readPath } from "../../../bot/conversation/fact-paths";
import { caseFactPaths } from "../../../flows/schema/fact-paths";
import { loadRuleSet } from "../../../flows/load-rules";
import type { CaseFacts } from "../../../flows/schema/case-facts";

const ruleSet = loadRuleSet();
const read = (facts: CaseFacts, name: string, asOf = "2026-03-01") => deriveFacts(facts, ruleSet.parameters, asOf).readFact(name);

/** domain-ko.md §5, the 2026 lines as published (rounded half-up), by household size 1..6. */
const published2026: Record<number, number[]> = {
  32: [820_556, 1_343_773, 1_714_892, 2_078_316, 2_418_150, 2_737_905],
  50: [1_282_119, 2_099_646, 2_679_518, 3_247_369, 3_778_360, 4_277_976],
  60: [1_538_543, 2_519_575, 3_215_422, 3_896_843, 4_534_031, 5_133_571],
  75: [1_923_179, 3_149_469, 4_019_277, 4_871_054, 5_667_539, 6_416_964],
  125: [3_205_298, 5_249_115, 6_698_795, 8_118_423, 9_445_899, 10_694_940],
};

describe("deriveFacts", () => {
  it("when income is exactly a published 2026 line, then incomePctOfMedian is at most that percentage; one won more is over it", () => {
    for (const [pct, lines] of Object.entries(published2026)) {
      lines.forEach((line, i) => {
        const householdSize = i + 1;
        expect({ householdSize, pct, at: read({ householdSize, monthlyIncomeKrw: line }, "incomePctOfMedian") })
          .toEqual({ householdSize, pct, at: Number(pct) });
        expect({ householdSize, pct, over: read({ householdSize, monthlyIncomeKrw: line + 1 }, "incomePctOfMedian") })
          .toEqual({ householdSize, pct, over: Number(pct) + 1 });
      });
    }
  });

  it("when asOf moves from 2025-12-31 to 2026-01-01, then the median table in force changes", () => {
    const facts = { householdSize: 4, monthlyIncomeKrw: 6_097_773 };
    expect(read(facts, "incomePctOfMedian", "2025-12-31")).toBe(100);
    expect(read(facts, "incomePctOfMedian", "2026-01-01")).toBe(94);
  });

  it("when the household has 7 to 10 people, then the published 7-person figure and the 고시 step set the lines", () => {
    // 2026: 7인 9,515,150; each further person adds 9,515,150 − 8,555,952 = 959,198.
    const lines32 = { 7: 3_044_848, 8: 3_351_791, 9: 3_658_735, 10: 3_965_678 };
    for (const [size, line] of Object.entries(lines32)) {
      const householdSize = Number(size);
      expect({ householdSize, at: read({ householdSize, monthlyIncomeKrw: line }, "incomePctOfMedian") }).toEqual({ householdSize, at: 32 });
      expect({ householdSize, over: read({ householdSize, monthlyIncomeKrw: line + 1 }, "incomePctOfMedian") }).toEqual({ householdSize, over: 33 });
    }
    // 2025: 7인 8,988,428 and 8인 9,912,051 as the 고시 states it.
    expect(read({ householdSize: 8, monthlyIncomeKrw: 9_912_051 }, "incomePctOfMedian", "2025-06-01")).toBe(100);
    expect(read({ householdSize: 8, monthlyIncomeKrw: 9_912_052 }, "incomePctOfMedian", "2025-06-01")).toBe(101);
  });

  it("when asOf predates the tables, then incomePctOfMedian is unknown and names its inputs", () => {
    const reader = deriveFacts({ householdSize: 1, monthlyIncomeKrw: 1 }, ruleSet.parameters, "2024-12-31");
    expect(reader.readFact("incomePctOfMedian")).toBeUndefined();
    expect(reader.missingPaths(["incomePctOfMedian"])).toEqual(["householdSize", "monthlyIncomeKrw"]);
  });

  it("when household and income are told, then repayment capacity is derived from the living-cost line, not asked", () => {
    // 2026 1인: 60% line 1,538,543; 2,538,543 a month leaves 1,000,000 → 36,000,000 over 36 months.
    const base = { householdSize: 1, monthlyIncomeKrw: 2_538_543, securedDebtKrw: 0 };
    expect(read(base, "livingCostLineKrw")).toBe(1_538_543);
    expect(read(base, "incomeAboveLivingCost")).toBe(true);
    expect(read({ ...base, totalDebtKrw: 36_000_000 }, "repayableFromSurplus")).toBe(true);
    expect(read({ ...base, totalDebtKrw: 36_000_001 }, "repayableFromSurplus")).toBe(false);
    expect(read({ ...base, monthlyIncomeKrw: 1_538_543 }, "incomeAboveLivingCost")).toBe(false);
    expect(read({ ...base, monthlyIncomeKrw: 1_538_543, totalDebtKrw: 1 }, "repayableFromSurplus")).toBe(false);
  });

  it("when capacity cannot be computed, then the resident's own answer decides and the missing facts are exact", () => {
    expect(read({ canCoverLivingCosts: false, totalDebtKrw: 10_000_000, securedDebtKrw: 0 }, "repayableFromSurplus")).toBe(false);
    expect(read({ canCoverLivingCosts: true }, "incomeAboveLivingCost")).toBe(true);
    const untold = deriveFacts({ totalDebtKrw: 10_000_000, securedDebtKrw: 0 }, ruleSet.parameters, "2026-03-01");
    expect(untold.readFact("repayableFromSurplus")).toBeUndefined();
    expect(untold.missingPaths(["repayableFromSurplus"])).toEqual(["householdSize", "monthlyIncomeKrw", "canCoverLivingCosts"]);
    const securedUntold = deriveFacts({ householdSize: 1, monthlyIncomeKrw: 2_538_543, totalDebtKrw: 50_000_000 }, ruleSet.parameters, "2026-03-01");
    expect(securedUntold.readFact("repayableFromSurplus")).toBeUndefined();
    expect(securedUntold.missingPaths(["repayableFromSurplus"])).toEqual(["securedDebtKrw"]);
  });

  it("when the current procedure is untold, then the resident counts as in none; a told one is read as told", () => {
    expect(read({}, "inCourtProcedure")).toBe(false);
    expect(read({}, "inAnyDebtProcedure")).toBe(false);
    expect(read({ currentProcedure: "court_bankruptcy" }, "inCourtProcedure")).toBe(true);
    expect(read({ currentProcedure: "ccrs_workout" }, "inCourtProcedure")).toBe(false);
    expect(read({ currentProcedure: "ccrs_workout" }, "inAnyDebtProcedure")).toBe(true);
    expect(read({ currentProcedure: "none" }, "inAnyDebtProcedure")).toBe(false);
  });

  it("when an illegal loan is judged, then exactly one statement about what is owed comes out, the strongest first", () => {
    const loan40 = { receivedKrw: 365_000, repayKrw: 511_000, days: 365, contractDate: "2025-08-01" };
    const calm = { threats: false, sexualImages: false };
    expect(read({ illegalLending: { ...calm, lenderRegistered: "no", loans: [loan40] } }, "illegalLoanOutcome")).toBe("no_interest");
    expect(read({ illegalLending: { ...calm, lenderRegistered: "yes", loans: [loan40] } }, "illegalLoanOutcome")).toBe("excess_interest_void");
    expect(read({ illegalLending: { threats: true, lenderRegistered: "no", loans: [loan40] } }, "illegalLoanOutcome")).toBe("void");
    expect(read({ illegalLending: { ...calm, lenderRegistered: "yes", loans: [{ ...loan40, repayKrw: 438_000 }] } }, "illegalLoanOutcome")).toBe("none");
    expect(read({ illegalLending: { lenderRegistered: "no", ...calm, loans: [loan40] } }, "illegalLoanOutcome", "2025-07-21")).toBe("excess_interest_void");
    expect(read({ illegalLending: { lenderRegistered: "yes" } }, "illegalLoanOutcome")).toBeUndefined();
  });

  it("when an illegal-lending sign is told, then there is an active case; silence is no case, never unknown", () => {
    expect(read({}, "activeIllegalLendingCase")).toBe(false);
    expect(read({ creditorTypes: ["private_person"] }, "activeIllegalLendingCase")).toBe(false);
    expect(read({ creditorTypes: ["unregistered_lender"] }, "activeIllegalLendingCase")).toBe(true);
    expect(read({ illegalLending: { contactsTaken: true } }, "activeIllegalLendingCase")).toBe(true);
    expect(read({ illegalLending: { lenderRegistered: "yes", loans: [{ receivedKrw: 365_000, repayKrw: 438_001, days: 365 }] } }, "activeIllegalLendingCase")).toBe(true);
    expect(read({ illegalLending: { nightContacts: true } }, "activeIllegalLendingCase")).toBe(false);
  });

  it("when only the monthly income is told, then the yearly income is twelve times it; a told yearly income wins", () => {
    expect(read({ monthlyIncomeKrw: 2_000_000 }, "ownAnnualIncomeKrw")).toBe(24_000_000);
    expect(read({ monthlyIncomeKrw: 2_000_000, annualIncomeKrw: 30_000_000 }, "ownAnnualIncomeKrw")).toBe(30_000_000);
    expect(deriveFacts({}, ruleSet.parameters, "2026-03-01").missingPaths(["ownAnnualIncomeKrw"])).toEqual(["annualIncomeKrw", "monthlyIncomeKrw"]);
  });

  it("when the secured part is untold, then the caps are decided only where the total settles them", () => {
    expect(read({ totalDebtKrw: 500_000_000 }, "withinCcrsCaps")).toBe(true);
    expect(read({ totalDebtKrw: 500_000_001 }, "withinCcrsCaps")).toBeUndefined();
    expect(read({ totalDebtKrw: 1_500_000_001 }, "withinCcrsCaps")).toBe(false);
    expect(read({ totalDebtKrw: 1_000_000_000 }, "withinRehabilitationCaps")).toBe(true);
    expect(read({ totalDebtKrw: 2_000_000_000, securedDebtKrw: 1_500_000_000 }, "withinRehabilitationCaps")).toBe(true);
    expect(read({ totalDebtKrw: 800_000_000, securedDebtKrw: 100_000_000 }, "unsecuredDebtKrw")).toBe(700_000_000);
  });

  it("when the bureau differs, then its own bottom-20% cut-off applies", () => {
    expect(read({ creditScore: { bureau: "KCB", score: 700 } }, "bottom20CreditScore")).toBe(true);
    expect(read({ creditScore: { bureau: "KCB", score: 701 } }, "bottom20CreditScore")).toBe(false);
    expect(read({ creditScore: { bureau: "NICE", score: 749 } }, "bottom20CreditScore")).toBe(true);
    expect(read({ creditScore: { bureau: "NICE", score: 749 } }, "bottom20CreditScore", "2024-12-31")).toBe(false);
  });

  it("when one part of a condition-defined fact settles it, then the other parts are not reported missing", () => {
    const reader = deriveFacts({ welfareStatus: "basic_livelihood" }, ruleSet.parameters, "2026-03-01");
    expect(reader.readFact("vulnerable")).toBe(true);
    const unknown = deriveFacts({ welfareStatus: "none" }, ruleSet.parameters, "2026-03-01");
    expect(unknown.readFact("vulnerable")).toBeUndefined();
    expect(unknown.missingPaths(["vulnerable"])).toEqual(["severeDisability"]);
  });

  it("when new debt is exactly 30% of the total, then it is not under the CCRS limit", () => {
    expect(read({ totalDebtKrw: 10, newDebtLast6MonthsKrw: 3 }, "newDebtUnderCcrsLimit")).toBe(false);
    expect(read({ totalDebtKrw: 100, newDebtLast6MonthsKrw: 29 }, "newDebtUnderCcrsLimit")).toBe(true);
    expect(read({ totalDebtKrw: 0, newDebtLast6MonthsKrw: 0 }, "newDebtUnderCcrsLimit")).toBe(true);
  });

  it("when facts are read, then the input is left untouched", () => {
    const facts: CaseFacts = { householdSize: 2, monthlyIncomeKrw: 1_000_000, illegalLending: { loans: [{ receivedKrw: 1, repayKrw: 2, days: 1 }] } };
    const before = structuredClone(facts);
    for (const name of Object.keys(derivedFacts)) read(facts, name);
    expect(facts).toEqual(before);
  });

  it("when derived facts are named, then none collides with a CaseFacts path and each depends on real CaseFacts paths", () => {
    const paths = new Set(caseFactPaths);
    for (const name of Object.keys(derivedFacts)) {
      expect({ name, collides: paths.has(name) }).toEqual({ name, collides: false });
      for (const dependency of factDependencies(name)) expect({ name, dependency, known: paths.has(dependency) }).toEqual({ name, dependency, known: true });
    }
  });

  it("when a path is read, then nested values are found and missing steps give undefined", () => {
    expect(readPath({ a: { b: 1 } }, "a.b")).toBe(1);
    expect(readPath({ a: 1 }, "a.b")).toBeUndefined();
    expect(readPath({}, "a.b")).toBeUndefined();
  });
});
