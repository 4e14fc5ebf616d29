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

  it("when the household has 7 people or asOf predates the tables, then incomePctOfMedian is unknown and names its inputs", () => {
    const reader = deriveFacts({ householdSize: 7, monthlyIncomeKrw: 1_000_000 }, ruleSet.parameters, "2026-03-01");
    expect(reader.readFact("incomePctOfMedian")).toBeUndefined();
    expect(reader.missingPaths(["incomePctOfMedian"])).toEqual(["householdSize", "monthlyIncomeKrw"]);
    expect(read({ householdSize: 1, monthlyIncomeKrw: 1 }, "incomePctOfMedian", "2024-12-31")).toBeUndefined();
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
