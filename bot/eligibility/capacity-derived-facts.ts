import type { CapacityInput } from "./compute-repayment-capacity";
import { computeIncomeAboveLivingCost, computeLivingCostLine, computeRepayableFromSurplus } from "./compute-repayment-capacity";
import type { DeriveInput, DerivedFactSpec } from "./derived-fact-spec";
import { numberParam, tableParam } from "./param-as-of";

export const MEDIAN_PARAM = "median_income.monthly";
/** The court's living-cost line (생계비), % of 기준 중위소득. */
export const LIVING_COST_PCT_PARAM = "court.living_cost_pct";
/** Months a repayment plan runs (개인회생: 3 years). */
export const PLAN_MONTHS_PARAM = "court.plan_months";

const SURPLUS_INPUTS = ["householdSize", "monthlyIncomeKrw", "canCoverLivingCosts"] as const;

/**
 * Repayment capacity, derived rather than asked (domain-ko.md §1 개인회생, §7 rules 4–5), and the
 * procedures a resident is already in. The median table is read without being required: without
 * it, the resident's own answer on living costs decides.
 */
export const capacityDerivedFacts = {
  /** The household's monthly living-cost line in won (기준 중위소득 × the court's percentage). */
  livingCostLineKrw: {
    dependsOn: ["householdSize"], params: [LIVING_COST_PCT_PARAM],
    compute: (input) => computeLivingCostLine(capacityInput(input)),
  },
  /** Household income is above the living-cost line (or, where it cannot be computed, the resident says it covers living costs). */
  incomeAboveLivingCost: {
    dependsOn: SURPLUS_INPUTS, params: [LIVING_COST_PCT_PARAM],
    compute: (input) => computeIncomeAboveLivingCost(capacityInput(input)).value,
    explain: (input) => computeIncomeAboveLivingCost(capacityInput(input)).missing,
  },
  /** The surplus over living costs repays the unsecured debt within the plan months. */
  repayableFromSurplus: {
    dependsOn: [...SURPLUS_INPUTS, "totalDebtKrw", "securedDebtKrw"], params: [LIVING_COST_PCT_PARAM, PLAN_MONTHS_PARAM],
    compute: (input) => computeRepayableFromSurplus(capacityInput(input)).value,
    explain: (input) => computeRepayableFromSurplus(capacityInput(input)).missing,
  },
  /**
   * Already in court rehabilitation or bankruptcy. Untold counts as not (the question is new, and
   * clients of the API that never send it keep their results), so it is never unknown.
   */
  inCourtProcedure: {
    condition: { all: [{ fact: "currentProcedure", op: "known" }, { fact: "currentProcedure", op: "in", value: ["court_rehabilitation", "court_bankruptcy"] }] },
  },
  /** Already in any debt procedure: a court one or a 신용회복위원회 workout. Untold counts as not. */
  inAnyDebtProcedure: {
    condition: { all: [{ fact: "currentProcedure", op: "known" }, { fact: "currentProcedure", op: "in", value: ["court_rehabilitation", "court_bankruptcy", "ccrs_workout"] }] },
  },
} satisfies Record<string, DerivedFactSpec>;

function capacityInput({ facts, param }: DeriveInput): CapacityInput {
  return {
    facts,
    medianTable: tableParam(param, MEDIAN_PARAM),
    livingCostPct: numberParam(param, LIVING_COST_PCT_PARAM),
    planMonths: numberParam(param, PLAN_MONTHS_PARAM),
  };
}
