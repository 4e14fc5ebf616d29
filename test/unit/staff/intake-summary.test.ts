import { computeLoanApr } from "../../../bot/eligibility/compute-loan-apr";
import { scoreServices } from "../../../bot/eligibility/score-services";
import type { Intake } from "../../../bot/intake/intake-ports";
import { toRecordedEvaluation } from "../../../bot/intake/to-recorded-evaluation";
import { loadRuleSet } from "../../../flows/load-rules";
import type { CaseFacts } from "../../../flows/schema/case-facts";
import { createTranslator } from "../../../server/i18n/create-translator";
import { toIntakeSummary } from "../../../server/staff/intake-summary";
import { intakeSchema } from "../../../bot/intake/intake-ports";
import { flowFixture, TEST_CENTER_PARAMS } from "../../support/flow-harness";

const ASOF = "2026-03-01";
const ruleSet = loadRuleSet();

/** A finished intake for these facts, scored with the shipped rules (no real person). */
function intakeFor(facts: CaseFacts): Intake {
  const evaluation = toRecordedEvaluation(scoreServices(ruleSet, facts, ASOF));
  return {
    id: "intake-1", sessionRef: "web:test", channel: "web", lang: "ko", createdAt: "2026-03-01T10:00:00+09:00", completedAt: "2026-03-01T10:05:00+09:00",
    flowId: "default", flowVersion: 1, answers: [], corrections: [], facts, evaluation, urgent: evaluation.urgent.map((u) => u.code),
    loans: computeLoanApr(facts.illegalLending?.loans ?? [], ruleSet.parameters, { asOf: ASOF, abusive: false }), notes: [], deleteAfter: "2026-06-01T00:00:00+09:00",
  };
}

describe("toIntakeSummary", () => {
  const { flow, locales } = flowFixture();
  const translator = createTranslator(locales, { ko: { ...TEST_CENTER_PARAMS }, en: { ...TEST_CENTER_PARAMS } });
  const instalment = { receivedKrw: 1_000_000, repayKrw: 1_040_000, days: 100, instalment: "daily" as const, contractDate: "2025-09-01" };

  it("when an intake holds a daily-instalment loan, then the counsellor's line names both methods and their rates", () => {
    const intake = intakeFor({ creditorTypes: ["registered_lender"], illegalLending: { lenderRegistered: "yes", threats: false, sexualImages: false, loans: [instalment] } });
    const [ko] = toIntakeSummary(intake, flow, translator, "ko").urgent.illegalLending;
    expect(ko?.methods).toBe("매일 갚는 일수 대출: 단순 계산 연 14.6% · 줄어드는 원금 기준 연 28.5% (원금 기준으로는 법정 최고금리를 넘어요)");
    const [en] = toIntakeSummary(intake, flow, translator, "en").urgent.illegalLending;
    expect(en?.methods).toBe("Daily-instalment (일수) loan: simple formula 14.6% a year · declining balance 28.5% a year (on the declining balance it is over the legal cap)");
  });

  it("when an intake holds a loan repaid at the end, then there is no methods line", () => {
    const { instalment: _daily, ...atTheEnd } = instalment;
    const intake = intakeFor({ illegalLending: { loans: [atTheEnd] } });
    expect(toIntakeSummary(intake, flow, translator, "ko").urgent.illegalLending[0]?.methods).toBeNull();
  });

  it("when an intake with an instalment loan and a procedure is stored, then its record parses back whole", () => {
    const intake = intakeFor({ currentProcedure: "ccrs_workout", illegalLending: { loans: [instalment] } });
    expect(intakeSchema.parse(JSON.parse(JSON.stringify(intake)))).toEqual(intake);
  });

  it("when the intake records questions skipped as irrelevant, then they are listed apart by their labels, not as '묻지 않음'", () => {
    const intake = { ...intakeFor({ householdSize: 2 }), answers: [{ nodeId: "household_size", questionKey: "flow.household.size.question", value: 2, source: "self_reported" as const }], skipped: ["credit_score_known", "severe_disability"] };
    const { answers } = toIntakeSummary(intake, flow, translator, "ko");
    expect(answers.skipped).toEqual({ title: "건너뜀(관련 없는 질문)", items: [{ nodeId: "severe_disability", label: "심한 장애" }, { nodeId: "credit_score_known", label: "신용점수 앎" }] });
    expect(answers.notAsked.items.map((item) => item.nodeId)).not.toContain("severe_disability");
    expect(answers.items).toEqual([expect.objectContaining({ nodeId: "household_size", label: "가구원", text: "2명", status: "answered" })]);
    expect(toIntakeSummary(intake, flow, translator, "en").answers.skipped.title).toBe("Skipped (not relevant)");
  });
});
