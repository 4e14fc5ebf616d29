import { readPath } from "../../bot/conversation/fact-paths";
import { optionIdsOf } from "../../bot/intake/compute-answer-rows";
import { toAnswerValue } from "../../bot/intake/derive-answers";
import type { DraftFacts } from "../../flows/schema/case-facts";
import type { Flow, QuestionNode } from "../../flows/schema/flow";
import { isQuestionNode } from "../../flows/schema/flow";
import type { Translate } from "../i18n/create-translator";
import { toFactText, toValueText } from "./answer-text";

/** The facts a counsellor looks at first, by group, in the order they are read. */
const GROUPS = {
  debts: ["totalDebtKrw", "securedDebtKrw", "overdueDays", "creditorTypes", "newDebtLast6MonthsKrw", "atRiskOfDefault", "currentProcedure"],
  income: ["monthlyIncomeKrw", "annualIncomeKrw", "employment", "employedMonths", "canCoverLivingCosts"],
  household: ["householdSize", "age", "welfareStatus", "severeDisability", "gyeonggiResident", "crisisEvents"],
} as const;

export type SituationRow = { key: string; label: string; text: string };

/**
 * Debts, income and household at a glance: each known fact with its label and unit ("빚 합계:
 * 2,500만원", "가구원: 2명"), worded by the question that asks it; unknown facts are left to the
 * answers below, where "모름" and "묻지 않음" are told apart.
 */
export function toSummarySituation(facts: DraftFacts, flow: Flow, t: Translate) {
  const group = (name: keyof typeof GROUPS) => ({
    title: t(`staff.summary.${name}`),
    rows: GROUPS[name].flatMap((key): SituationRow[] => {
      const value = toAnswerValue(readPath(facts, key));
      if (value === null) return [];
      return [{ key, label: t(`staff.answer.label.${key}`), text: factText(flow, key, value, t) }];
    }),
  });
  return { title: t("staff.summary.situation"), debts: group("debts"), income: group("income"), household: group("household") };
}

/** Worded by a choice that has an option for the value, else by the question that asks for the figure, else by the fact's name. */
function factText(flow: Flow, key: string, value: ReturnType<typeof toAnswerValue>, t: Translate): string {
  const askers = flow.nodes.filter((node): node is QuestionNode => isQuestionNode(node) && "save" in node && node.save === key);
  for (const node of askers) {
    const optionIds = optionIdsOf(node, value);
    if (optionIds.length > 0 && !(Array.isArray(value) && value.length === 0)) return toValueText(node, value, optionIds, t);
  }
  const asker = askers.find((node) => node.type !== "single_choice" && node.type !== "multi_choice");
  return asker === undefined ? toFactText(key, value, t) : toValueText(asker, value, [], t);
}
