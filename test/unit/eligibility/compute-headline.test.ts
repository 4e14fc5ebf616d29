import { computeHeadline } from "../../../bot/eligibility/compute-headline";
import type { Recommendation, ScoredServices, Tier, UrgentNotice } from "../../../bot/eligibility/score-services";
import type { Msg } from "../../../bot/types";
import type { CaseFacts } from "../../../flows/schema/case-facts";
import type { ServiceId } from "../../../flows/schema/catalog";

const rec = (service: ServiceId, tier: Tier): Recommendation => ({ service, tier, score: 50, reasons: [], missing: [], nextSteps: [], ruleIds: [] });
const scored = (recommendations: Recommendation[], urgent: UrgentNotice[] = []): ScoredServices => ({ asOf: "2026-03-01", rulesVersion: "t", recommendations, urgent });
const police: UrgentNotice = { code: "call_112", message: { key: "rules.urgent.call_112", params: { phone: "112" } } };
const crisis: UrgentNotice = { code: "crisis_line_109", message: { key: "rules.urgent.crisis_line_109", params: { phone: "109" } } };

const table: Array<[string, ScoredServices, CaseFacts, Msg]> = [
  ["a card debtor 45 days overdue with pre-workout first", scored([rec("ccrs_pre_workout", "likely"), rec("financial_counseling", "likely")]),
    { totalDebtKrw: 25_000_000, overdueDays: 45, creditorTypes: ["card"] },
    { key: "rules.headline.likely", params: { service: "ccrs_pre_workout", situation: "debt_overdue", debt: 25_000_000, days: 45, debtKind: "card" } }],
  ["debts at a bank and a card company, not overdue", scored([rec("ccrs_fast_track", "likely")]),
    { totalDebtKrw: 120_000_000, overdueDays: 0, creditorTypes: ["bank", "card"] },
    { key: "rules.headline.likely", params: { service: "ccrs_fast_track", situation: "debt", debt: 120_000_000, debtKind: "any" } }],
  ["debts at an 'other' creditor", scored([rec("financial_counseling", "likely")]),
    { totalDebtKrw: 3_000_000, creditorTypes: ["other"] },
    { key: "rules.headline.likely", params: { service: "financial_counseling", situation: "debt", debt: 3_000_000, debtKind: "any" } }],
  ["a court service without a told debt", scored([rec("legal_aid", "likely")]), {},
    { key: "rules.headline.likely", params: { service: "legal_aid", situation: "told" } }],
  ["a possible welfare benefit with the household's income", scored([rec("basic_livelihood", "possible")]),
    { monthlyIncomeKrw: 1_200_000, householdSize: 2 },
    { key: "rules.headline.possible", params: { service: "basic_livelihood", situation: "household_income", income: 1_200_000, size: 2 } }],
  ["an illegal-lending service first", scored([rec("illegal_lending_relief", "likely")]), { creditorTypes: ["unregistered_lender"] },
    { key: "rules.headline.likely", params: { service: "illegal_lending_relief", situation: "illegal_lending" } }],
  ["a small loan with the cash needed", scored([rec("anti_loan_shark_loan", "likely")]), { urgentCashKrw: 800_000 },
    { key: "rules.headline.likely", params: { service: "anti_loan_shark_loan", situation: "urgent_cash", cash: 800_000 } }],
  ["a small loan without the cash needed", scored([rec("miso_microcredit", "likely")]), {},
    { key: "rules.headline.likely", params: { service: "miso_microcredit", situation: "told" } }],
  ["job counselling first", scored([rec("job_counseling", "likely")]), { employment: "unemployed" },
    { key: "rules.headline.likely", params: { service: "job_counseling", situation: "job" } }],
  ["a likely service after services that only need answers", scored([rec("illegal_lending_relief", "insufficient_data"), rec("job_counseling", "possible")]), {},
    { key: "rules.headline.possible", params: { service: "job_counseling", situation: "job" } }],
  ["only services that need more answers", scored([rec("illegal_lending_relief", "insufficient_data")]), {},
    { key: "rules.headline.insufficient_data" }],
  ["no service at all", scored([]), {}, { key: "rules.headline.none" }],
  ["a threat and a likely service", scored([rec("illegal_lending_relief", "likely")], [police]), {},
    { key: "rules.headline.urgent_then_service", params: { phone: "112", urgent: "call_112", service: "illegal_lending_relief" } }],
  ["self-harm and services that only need answers", scored([rec("job_counseling", "insufficient_data")], [crisis]), {},
    { key: "rules.headline.urgent", params: { phone: "109", urgent: "crisis_line_109" } }],
];

describe("computeHeadline", () => {
  it.each(table)("when the result is %s, then the headline says it in those terms", (_name, result, facts, expected) => {
    expect(computeHeadline(result, facts)).toEqual(expected);
  });

  it("when the amount a situation quotes was given as a tapped range, then the headline does not quote the amount kept for the rules", () => {
    expect(computeHeadline(scored([rec("anti_loan_shark_loan", "likely")]), { urgentCashKrw: 500_000 }, new Set(["urgentCashKrw"])))
      .toEqual({ key: "rules.headline.likely", params: { service: "anti_loan_shark_loan", situation: "told" } });
    expect(computeHeadline(scored([rec("basic_livelihood", "possible")]), { monthlyIncomeKrw: 1_000_000, householdSize: 2 }, new Set(["monthlyIncomeKrw"])))
      .toEqual({ key: "rules.headline.possible", params: { service: "basic_livelihood", situation: "told" } });
  });

  it("when several urgent notices are raised, then the first in urgency order leads", () => {
    expect(computeHeadline(scored([], [police, crisis]), {}).params?.urgent).toBe("call_112");
  });
});
