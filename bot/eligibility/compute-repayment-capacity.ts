import type { CaseFacts } from "../../flows/schema/case-facts";
import { medianForHousehold, pctOfMedianLine } from "./median-for-household";

/** What repayment capacity is computed from: the case and the parameters in force. */
export type CapacityInput = {
  facts: CaseFacts;
  /** 기준 중위소득 table in force (household size → monthly won). */
  medianTable?: Readonly<Record<string, number>>;
  /** The living-cost line as a whole percentage of 기준 중위소득 (the court's 생계비 standard). */
  livingCostPct?: number;
  /** The months a repayment plan runs (개인회생: 3 years). */
  planMonths?: number;
};

/** A three-valued answer with the CaseFacts paths that would settle it when unknown. */
export type Settled = { value: boolean | undefined; missing: string[] };

/** The household's monthly living-cost line: 기준 중위소득 for its size × the court's percentage. */
export function computeLivingCostLine({ facts, medianTable, livingCostPct }: CapacityInput): number | undefined {
  if (facts.householdSize === undefined || medianTable === undefined || livingCostPct === undefined) return undefined;
  const median = medianForHousehold(medianTable, facts.householdSize);
  return median === undefined ? undefined : pctOfMedianLine(median, livingCostPct);
}

/** Monthly household income left after the living-cost line; negative when income falls short. */
export function computeMonthlySurplus(input: CapacityInput): number | undefined {
  const line = computeLivingCostLine(input);
  return line === undefined || input.facts.monthlyIncomeKrw === undefined ? undefined : input.facts.monthlyIncomeKrw - line;
}

/**
 * Whether income is above the living-cost line. Computed where household size and income are
 * known; otherwise the resident's own answer (canCoverLivingCosts) decides.
 */
export function computeIncomeAboveLivingCost(input: CapacityInput): Settled {
  const surplus = computeMonthlySurplus(input);
  if (surplus !== undefined) return { value: surplus > 0, missing: [] };
  const told = input.facts.canCoverLivingCosts;
  if (told !== undefined) return { value: told, missing: [] };
  return { value: undefined, missing: [...surplusInputsMissing(input.facts), "canCoverLivingCosts"] };
}

/**
 * Whether the surplus over the plan months covers the unsecured debt (surplus × months ≥ unsecured
 * debt). With the secured part untold, the unsecured debt lies between 0 and the total, and the
 * answer is given only where both ends agree. Without a computable surplus, an income that does
 * not cover living costs (as the resident told) repays nothing.
 */
export function computeRepayableFromSurplus(input: CapacityInput): Settled {
  const { facts, planMonths } = input;
  const total = facts.totalDebtKrw;
  if (total === undefined || planMonths === undefined) {
    return { value: undefined, missing: ["totalDebtKrw", ...(computeMonthlySurplus(input) === undefined ? surplusInputsMissing(facts) : [])] };
  }
  const secured = facts.securedDebtKrw;
  const least = secured === undefined ? 0 : Math.max(0, total - secured);
  const most = secured === undefined ? total : least;
  if (most === 0) return { value: true, missing: [] };
  const surplus = computeMonthlySurplus(input);
  const capacity = surplus !== undefined ? Math.max(0, surplus) * planMonths : facts.canCoverLivingCosts === false ? 0 : undefined;
  if (capacity === undefined) return { value: undefined, missing: [...surplusInputsMissing(facts), ...(facts.canCoverLivingCosts === undefined ? ["canCoverLivingCosts"] : [])] };
  if (capacity >= most) return { value: true, missing: [] };
  if (capacity < least) return { value: false, missing: [] };
  return { value: undefined, missing: ["securedDebtKrw"] };
}

/** The surplus inputs not told; both when both are told but the table does not cover the size. */
function surplusInputsMissing(facts: CaseFacts): string[] {
  const absent = (["householdSize", "monthlyIncomeKrw"] as const).filter((path) => facts[path] === undefined);
  return absent.length ? absent : ["householdSize", "monthlyIncomeKrw"];
}
