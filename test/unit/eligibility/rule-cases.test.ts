import { readdirSync } from "node:fs";
import path from "node:path";
import type { RuleCase } from "../../../bot/eligibility/rule-cases";
import { checkRuleCase, listUnexercisedRules, runRuleCases } from "../../../bot/eligibility/rule-cases";
import { RULE_CASES_DIR, loadRuleCases } from "../../../flows/load-rule-cases";
import { RULES_DIR, loadRuleSet } from "../../../flows/load-rules";

const caseFiles = loadRuleCases();
const ruleSet = loadRuleSet();

describe("rule cases", () => {
  it("when the shipped cases are read, then there are at least 70 cases with unique names", () => {
    const names = caseFiles.flatMap(({ cases }) => cases.map((c) => c.name));
    expect(names.length).toBeGreaterThanOrEqual(70);
    expect(new Set(names).size).toBe(names.length);
  });

  it("when the cases are shipped, then they live beside the rules in flows/rules/cases and every case file is read", () => {
    expect(RULE_CASES_DIR).toBe(path.join(RULES_DIR, "cases"));
    expect(caseFiles.map((f) => f.file)).toEqual(readdirSync(RULE_CASES_DIR).filter((f) => f.endsWith(".cases.yaml")).sort());
  });

  it("when all cases run, then every rule of the rule set holds in at least one of them", () => {
    expect(listUnexercisedRules(ruleSet, caseFiles)).toEqual([]);
  });

  it("when the whole gate runs on the shipped rule set, then it reports no problem", () => {
    expect(runRuleCases(ruleSet, caseFiles)).toEqual([]);
  });
});

describe.each(caseFiles.map(({ file, cases }): [string, RuleCase[]] => [file, cases]))("rule cases in %s", (_file, cases) => {
  it.each(cases.map((c): [string, RuleCase] => [c.name, c]))("%s", (_name, ruleCase) => {
    expect(checkRuleCase(ruleSet, ruleCase)).toEqual([]);
  });
});
