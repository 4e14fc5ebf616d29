import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { listRuleFacts } from "../../../bot/eligibility/list-rule-facts";
import { caseFactPaths } from "../../../flows/schema/fact-paths";
import { loadRuleSet, parseRuleSet, RULES_DIR, RuleSetError } from "../../../flows/load-rules";
import type { RuleSet } from "../../../flows/schema/rules";

const shipped = loadRuleSet();

/** The shipped rule set as plain data, with one edit applied. */
function edited(edit: (data: RuleSet) => unknown): unknown {
  return edit(structuredClone(shipped));
}

function problemsOf(data: unknown) {
  const result = parseRuleSet(data);
  return result.ok ? [] : result.problems;
}

function withRule(id: string, patch: Record<string, unknown>) {
  return edited((data) => ({ ...data, rules: data.rules.map((r) => (r.id === id ? { ...r, ...patch } : r)) }));
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("parseRuleSet", () => {
  it("when the shipped rule set is parsed, then it has no problems", () => {
    expect(problemsOf(structuredClone(shipped))).toEqual([]);
  });

  it("when a rule names a parameter that does not exist, then the problem points at it by rule id", () => {
    expect(problemsOf(withRule("fast_track", { when: { fact: "overdueDays", op: "lte", param: "ccrs.no_such_days" } }))).toContainEqual({
      path: "rules.fast_track.when.param", message: 'unknown parameter "ccrs.no_such_days"',
    });
  });

  it("when a rule reads a fact that is neither in CaseFacts nor derived, then it is reported", () => {
    expect(problemsOf(withRule("pre_workout", { when: { fact: "debtKrw", op: "gt", value: 0 } }))).toContainEqual({
      path: "rules.pre_workout.when.fact", message: expect.stringContaining('unknown fact "debtKrw"'),
    });
  });

  it("when a service loses its last rule, then the uncovered service is reported", () => {
    const data = edited((d) => ({ ...d, rules: d.rules.filter((r) => r.service !== "job_counseling") }));
    expect(problemsOf(data)).toContainEqual({ path: "rules", message: 'no rule recommends service "job_counseling"' });
  });

  it("when a rule breaks the schema, then the zod problem is named by rule id", () => {
    expect(problemsOf(withRule("fast_track", { score: 200 }))).toContainEqual({ path: "rules.fast_track.score", message: expect.any(String) });
  });

  it("when a parameter value does not fit its unit or its dates go backwards, then both are reported", () => {
    const data = edited((d) => ({
      ...d,
      parameters: d.parameters.map((p) => (p.id === "ccrs.unsecured_cap_krw"
        ? { ...p, values: [{ effectiveFrom: "2026-01-01", value: "5억" }, { effectiveFrom: "2025-01-01", value: 500_000_000 }] }
        : p)),
    }));
    const paths = problemsOf(data).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["parameters.ccrs.unsecured_cap_krw.values.0.value", "parameters.ccrs.unsecured_cap_krw.values.1.effectiveFrom"]));
  });

  it("when ids repeat, an income line uses a plain percentage, or a date points at a number, then each is reported", () => {
    const data = edited((d) => ({
      ...d,
      rules: [
        ...d.rules.map((r) => (r.id === "fresh_start_fund" ? { ...r, until: { param: "ccrs.total_cap_krw" } } : r)),
        { ...d.rules.find((r) => r.id === "fast_track"), when: { fact: "incomePctOfMedian", op: "lte", param: "lending.rate_cap_pct" } },
      ],
    }));
    expect(problemsOf(data)).toEqual(expect.arrayContaining([
      { path: "rules.fast_track", message: 'duplicate id "fast_track"' },
      { path: "rules.fast_track.when.fact", message: "compare incomePctOfMedian with a pct_of_median parameter, not pct" },
      { path: "rules.fresh_start_fund.until.param", message: 'parameter "ccrs.total_cap_krw" is not a date' },
    ]));
  });

  it("when a parameter a derived fact needs is removed, then the rule set is rejected", () => {
    const data = edited((d) => ({ ...d, parameters: d.parameters.filter((p) => p.id !== "median_income.monthly") }));
    expect(problemsOf(data)).toContainEqual({ path: "parameters", message: 'derived facts need parameter "median_income.monthly", which is missing' });
  });

  it("when the data is not a rule set at all, then a problem list comes back instead of an exception", () => {
    expect(parseRuleSet("rules").ok).toBe(false);
    expect(problemsOf({ version: "x" }).map((p) => p.path)).toEqual(expect.arrayContaining(["parameters", "rules", "urgent"]));
  });
});

describe("loadRuleSet", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hanbeon-rules-"));
    cpSync(RULES_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("when the shipped files are read from another folder, then the same rule set comes back", () => {
    expect(loadRuleSet(dir)).toEqual(shipped);
  });

  it("when the folder holds the rule cases subfolder (even a .yaml that is no rule file), then loadRuleSet ignores it", () => {
    expect(readdirSync(path.join(dir, "cases")).filter((f) => f.endsWith(".cases.yaml")).length).toBeGreaterThan(0);
    writeFileSync(path.join(dir, "cases", "not-rules.yaml"), "rules: [\n");
    expect(loadRuleSet(dir)).toEqual(shipped);
  });

  it("when a file is not valid YAML, then the thrown error lists the file", () => {
    writeFileSync(path.join(dir, "broken.yaml"), "rules: [\n");
    const thrown = catchError(() => loadRuleSet(dir));
    expect(thrown).toBeInstanceOf(RuleSetError);
    expect(thrown instanceof RuleSetError ? thrown.problems : []).toEqual([{ path: "broken.yaml", message: expect.stringContaining("not valid YAML") }]);
  });

  it("when version is given twice, then it is reported", () => {
    writeFileSync(path.join(dir, "extra.yaml"), 'version: "again"\n');
    expect(() => loadRuleSet(dir)).toThrow(/version: given in more than one file/);
  });
});

describe("listRuleFacts", () => {
  it("when the shipped rules are listed, then only CaseFacts paths come back, derived facts replaced by their inputs", () => {
    const facts = listRuleFacts(shipped);
    const paths = new Set(caseFactPaths);
    expect(facts.filter((f) => !paths.has(f))).toEqual([]);
    expect(facts).toEqual(expect.arrayContaining(["householdSize", "monthlyIncomeKrw", "illegalLending.loans", "creditScore", "overdueDays"]));
    expect(facts).not.toContain("incomePctOfMedian");
  });
});
