import { applyParameterOverrides } from "../../../bot/eligibility/apply-parameter-overrides";
import type { RuleCase } from "../../../bot/eligibility/rule-cases";
import { checkRuleCase, runRuleCases } from "../../../bot/eligibility/rule-cases";
import { loadRuleCases } from "../../../flows/load-rule-cases";
import { loadRuleSet } from "../../../flows/load-rules";

const shipped = loadRuleSet();
const files = loadRuleCases();
const FUND_CLOSED = "when a closed small business asks on 2027-01-01, then the fund's window has closed";
const closedBusiness = { smallBusiness: { operatedBetween2020And2025: true, closed: true }, totalDebtKrw: 200_000_000, securedDebtKrw: 0 };
const aCase = (expect: RuleCase["expect"], facts: RuleCase["facts"] = closedBusiness): RuleCase => ({ name: "when tested, then checked", asOf: "2026-03-01", facts, expect });

describe("runRuleCases", () => {
  it("when the fresh start fund's deadline is moved a year later, then the case expecting it closed on 2027-01-01 is named with what failed", () => {
    const merged = applyParameterOverrides(shipped, [{ param: "fresh_start_fund.applications_until", effectiveFrom: "2026-06-01", value: "2027-12-31" }]);
    if (!merged.ok) throw new Error("expected a merge");
    expect(runRuleCases(merged.ruleSet, files)).toEqual([
      { path: `rule-cases/debt.cases.yaml#${FUND_CLOSED}`, message: "expected fresh_start_fund to be left out; it was shown as likely" },
    ]);
  });

  it("when a rule set passes, then nothing is reported", () => {
    expect(runRuleCases(shipped, files)).toEqual([]);
  });
});

describe("checkRuleCase", () => {
  it("when included and left-out services, tiers and reasons are not what the case says, then each expectation is reported", () => {
    const failures = checkRuleCase(shipped, aCase({
      include: [{ service: "fresh_start_fund", tier: "possible" }, { service: "ccrs_special_discharge" }],
      exclude: ["financial_counseling"],
      reasons: { fresh_start_fund: ["rules.reason.no_such_reason"] },
      noReasons: { fresh_start_fund: ["rules.reason.fresh_start_fund"] },
    }));
    expect(failures).toEqual([
      "expected fresh_start_fund as possible; it was likely",
      "expected ccrs_special_discharge to be shown; it was left out",
      "expected financial_counseling to be left out; it was shown as likely",
      "expected fresh_start_fund's reasons to include rules.reason.no_such_reason",
      "expected fresh_start_fund's reasons to leave out rules.reason.fresh_start_fund",
    ]);
  });

  it("when urgent codes, missing facts and loans differ, then each is reported", () => {
    const loanFacts = { illegalLending: { loans: [{ receivedKrw: 1_000_000, repayKrw: 1_100_000, days: 30 }] } };
    const failures = checkRuleCase(shipped, aCase({
      urgent: ["call_112"], missingFor: { fresh_start_fund: ["overdueDays"] }, loans: [{ index: 0, overLegalCap: false }, { index: 1 }],
    }, { ...closedBusiness, ...loanFacts }));
    expect(failures).toEqual([
      expect.stringMatching(/^expected urgent \[call_112\]; got \[/),
      "expected loan 0 overLegalCap false; got true",
      "expected loan 1 to be checked; it was not",
      "expected fresh_start_fund to miss [overdueDays]; it missed []",
    ]);
  });
});
