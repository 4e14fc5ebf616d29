import type { LoanApr } from "../../bot/eligibility/compute-loan-apr";
import type { Intake } from "../../bot/intake/intake-ports";
import type { Flow } from "../../flows/schema/flow";
import type { FlowWording } from "../../bot/conversation/engine-context";
import type { Translate, Translator } from "../i18n/create-translator";
import type { SupportedLang } from "../i18n/load-locales";
import { splitDocumentList } from "./split-document-list";
import { toSummaryAnswers } from "./summary-answers";
import { toSummarySituation } from "./summary-situation";

/** Services the summary shows in full, with what to bring; the others by name and tier. */
const TOP_SERVICES = 3;

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
 * best first (the top ones marked, with reasons and one list of documents to bring), debts, income
 * and household, then every answer with its label and unit ("연체 기간: 45일", "모름"), the
 * staff's corrections beside it and the questions not asked, and the notes. Nothing is a raw code.
 */
export function toIntakeSummary(intake: Intake, flow: Flow, translator: Translator, lang: SupportedLang, wording?: FlowWording) {
  const t = translator.forLang(lang, wording);
  const { facts } = intake;
  const lending = facts.illegalLending;
  const services = intake.evaluation.recommendations.map((r, index) => ({
    service: r.service, name: t(`services.${r.service}.name`), tier: r.tier, tierLabel: t(`staff.tier.${r.tier}`), score: r.score, top: index < TOP_SERVICES,
    reasons: r.reasons.map((m) => translator.msg(lang, m)), nextSteps: r.nextSteps.map((m) => translator.msg(lang, m)),
    documents: splitDocumentList(t(`bookingChat.documents.${r.service}`)),
  }));
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
      items: services,
      // What to bring for the top services, once each: most lists repeat the ID card.
      documents: { title: t("staff.summary.documents"), items: mergeDocuments(services.filter((s) => s.top).map((s) => s.documents)) },
    },
    situation: toSummarySituation(facts, flow, t),
    answers: toSummaryAnswers(intake, flow, t),
    notes: { title: t("staff.summary.notes"), items: intake.notes },
  };
}

/**
 * One list of what to bring for several services, each item once: an item that another one
 * already says with more detail ("소득 증빙" beside "소득 증빙(급여명세서 등)") is left out.
 */
export function mergeDocuments(lists: readonly string[][]): string[] {
  const all = [...new Set(lists.flat())];
  const plain = (item: string) => item.replace(/\s*[(（].*$/, "").trim();
  return all.filter((item) => !all.some((other) => other !== item && other.length > item.length && plain(other) === item));
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
