import type { LoanApr } from "../../bot/eligibility/compute-loan-apr";
import type { AnswerValue, Intake, IntakeCorrection } from "../../bot/intake/intake-ports";
import type { Flow } from "../../flows/schema/flow";
import type { FlowWording } from "../../bot/conversation/engine-context";
import type { Translate, Translator } from "../i18n/create-translator";
import type { SupportedLang } from "../i18n/load-locales";

/** What a counsellor reads first: the order the console shows, urgent items at the top. */
export type IntakeSummary = ReturnType<typeof toIntakeSummary>;

/**
 * Flags for the appointment list: the evaluation's urgent codes (112, 109, 1332, an attorney now),
 * then self-harm, threats and loans whose whole contract is void.
 */
export function urgentFlagsOf(intake: Intake): string[] {
  const lending = intake.facts.illegalLending;
  return [
    ...intake.urgent,
    ...(intake.facts.selfHarmRisk === true ? ["self_harm"] : []),
    ...(lending?.threats === true ? ["threats"] : []),
    ...(lending?.sexualImages === true ? ["sexual_images"] : []),
    ...(intake.loans.some((loan) => loan.wholeContractVoid) ? ["contract_void"] : []),
  ];
}

/**
 * The intake as the counsellor reads it, translated into `lang`: urgent items (threats, self-harm,
 * illegal lending with each loan's APR and whether the contract is void), the recommended services
 * with reasons and documents to bring, debts, income and household, then every answer with the
 * staff's corrections beside it, and the notes.
 */
export function toIntakeSummary(intake: Intake, flow: Flow, translator: Translator, lang: SupportedLang, wording?: FlowWording) {
  const t = translator.forLang(lang, wording);
  const { facts } = intake;
  const lending = facts.illegalLending;
  const questions = new Map(flow.nodes.map((node) => [node.id, "text" in node ? node.text : undefined]));
  return {
    id: intake.id,
    channel: intake.channel,
    lang: intake.lang,
    completedAt: intake.completedAt,
    bookingCode: intake.bookingCode ?? null,
    appointmentStart: intake.appointmentStart ?? null,
    deleteAfter: intake.deleteAfter,
    urgent: {
      title: t("staff.summary.urgent"),
      flags: urgentFlagsOf(intake).map((code) => ({ code, label: t(`staff.flag.${code}`) })),
      notices: intake.evaluation.urgent.map((notice) => ({ code: notice.code, text: translator.msg(lang, notice.message) })),
      threats: lending?.threats ?? null,
      sexualImages: lending?.sexualImages ?? null,
      selfHarmRisk: facts.selfHarmRisk ?? null,
      illegalLending: intake.loans.map((loan) => ({
        ...loan,
        label: t(loan.wholeContractVoid ? "staff.loan.void" : loan.overLegalCap ? "staff.loan.overCap" : "staff.loan.withinCap", { aprPct: loan.aprPct }),
        methods: methodsLine(loan, t),
      })),
    },
    recommendations: {
      title: t("staff.summary.recommendations"),
      items: intake.evaluation.recommendations.map((r) => ({
        service: r.service, name: t(`services.${r.service}.name`), tier: r.tier, score: r.score,
        reasons: r.reasons.map((m) => translator.msg(lang, m)), nextSteps: r.nextSteps.map((m) => translator.msg(lang, m)),
        documents: t(`bookingChat.documents.${r.service}`),
      })),
    },
    situation: {
      title: t("staff.summary.situation"),
      debts: {
        title: t("staff.summary.debts"),
        totalDebtKrw: facts.totalDebtKrw ?? null, securedDebtKrw: facts.securedDebtKrw ?? null, overdueDays: facts.overdueDays ?? null,
        creditorTypes: facts.creditorTypes ?? [], newDebtLast6MonthsKrw: facts.newDebtLast6MonthsKrw ?? null, atRiskOfDefault: facts.atRiskOfDefault ?? null,
      },
      income: {
        title: t("staff.summary.income"),
        monthlyIncomeKrw: facts.monthlyIncomeKrw ?? null, annualIncomeKrw: facts.annualIncomeKrw ?? null, employment: facts.employment ?? null,
        employedMonths: facts.employedMonths ?? null, canCoverLivingCosts: facts.canCoverLivingCosts ?? null,
      },
      household: {
        title: t("staff.summary.household"),
        householdSize: facts.householdSize ?? null, age: facts.age ?? null, welfareStatus: facts.welfareStatus ?? null,
        severeDisability: facts.severeDisability ?? null, gyeonggiResident: facts.gyeonggiResident ?? null, crisisEvents: facts.crisisEvents ?? [],
      },
    },
    answers: {
      title: t("staff.summary.answers"),
      items: intake.answers.map((answer) => ({
        nodeId: answer.nodeId, questionKey: answer.questionKey, question: t(questions.get(answer.nodeId) ?? answer.questionKey),
        value: answer.value, source: answer.source, sourceLabel: t("staff.source.self_reported"),
        corrections: intake.corrections.filter((c) => c.nodeId === answer.nodeId).map((c) => toCorrection(c, t("staff.source.staff_verified"))),
      })),
    },
    notes: { title: t("staff.summary.notes"), items: intake.notes },
  };
}

function toCorrection(correction: IntakeCorrection, sourceLabel: string): { value: AnswerValue; by: string; at: string; note: string | null; source: "staff_verified"; sourceLabel: string } {
  return { value: correction.value, by: correction.by, at: correction.at, note: correction.note ?? null, source: correction.source, sourceLabel };
}

/**
 * For an instalment (일수) loan, both rates with their methods named, so the counsellor sees
 * which figure is which; null for a loan repaid at the end.
 */
function methodsLine(loan: LoanApr, t: Translate): string | null {
  const declining = loan.aprByMethod?.find((m) => m.method === "declining_balance");
  if (!loan.instalment || !declining) return null;
  return t("staff.loan.methods", {
    instalment: t(`staff.loan.instalment.${loan.instalment}`),
    simple: loan.aprPct,
    declining: declining.aprPct,
    verdict: t(declining.wholeContractVoid ? "staff.loan.methodVoid" : declining.overLegalCap ? "staff.loan.methodOverCap" : "staff.loan.methodWithinCap"),
  });
}
