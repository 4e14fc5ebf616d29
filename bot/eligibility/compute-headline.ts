import type { CaseFacts } from "../../flows/schema/case-facts";
import { serviceSpecialty } from "../../flows/schema/catalog";
import type { Msg } from "../types";
import type { Recommendation, ScoredServices } from "./score-services";

type Params = Record<string, string | number>;

/**
 * The one plain sentence a result starts with (`rules.headline.*`): the urgent help first when
 * there is any, else the top recommendation in the resident's own terms ("카드빚 2,500만원이 45일
 * 밀렸다면 사전채무조정이 가장 잘 맞아 보여요"), always adding that the center decides. Pure: only
 * the scored result and the facts it was scored from. A fact in `ranged` was given as a range, so
 * its value is no figure the resident said: the sentence does not quote it.
 */
export function computeHeadline(scored: ScoredServices, facts: CaseFacts, ranged: ReadonlySet<string> = new Set()): Msg {
  // A service that only needs more answers is no advice yet: it is never named.
  const top = scored.recommendations.find((r) => r.tier !== "insufficient_data");
  const [urgent] = scored.urgent;
  if (urgent) {
    const params: Params = { ...urgent.message.params, urgent: urgent.code };
    return top ? { key: "rules.headline.urgent_then_service", params: { ...params, service: top.service } } : { key: "rules.headline.urgent", params };
  }
  if (top) {
    const situation = describeSituation(top, facts);
    const quotesRange = SITUATION_FACTS[String(situation.situation)]?.some((path) => ranged.has(path)) === true;
    return { key: `rules.headline.${top.tier}`, params: { service: top.service, ...(quotesRange ? { situation: "told" } : situation) } };
  }
  return { key: scored.recommendations.length > 0 ? "rules.headline.insufficient_data" : "rules.headline.none" };
}

/** The facts each situation quotes as figures. */
const SITUATION_FACTS: Readonly<Record<string, readonly string[]>> = {
  debt_overdue: ["totalDebtKrw"], debt: ["totalDebtKrw"], urgent_cash: ["urgentCashKrw"], household_income: ["monthlyIncomeKrw"],
};

/** The resident's situation in the terms that matter for the top service (`rules.headline.situation.*`). */
function describeSituation(top: Recommendation, facts: CaseFacts): Params {
  switch (serviceSpecialty[top.service]) {
    case "debt":
    case "legal": {
      const debt = facts.totalDebtKrw;
      if (debt === undefined || debt <= 0) break;
      const debtKind = kindOfDebt(facts.creditorTypes);
      const days = facts.overdueDays;
      return days !== undefined && days > 0 ? { situation: "debt_overdue", debt, days, debtKind } : { situation: "debt", debt, debtKind };
    }
    case "illegal_lending":
      return { situation: "illegal_lending" };
    case "microloan":
      if (facts.urgentCashKrw !== undefined && facts.urgentCashKrw > 0) return { situation: "urgent_cash", cash: facts.urgentCashKrw };
      break;
    case "welfare":
      if (facts.monthlyIncomeKrw !== undefined && facts.householdSize !== undefined) {
        return { situation: "household_income", income: facts.monthlyIncomeKrw, size: facts.householdSize };
      }
      break;
    case "job":
      return { situation: "job" };
  }
  return { situation: "told" };
}

/** One kind of creditor is named ("카드빚"); several, none or "other" are just debt. */
function kindOfDebt(types: CaseFacts["creditorTypes"]): string {
  const [only] = types ?? [];
  return types?.length === 1 && only !== undefined && only !== "other" ? only : "any";
}
