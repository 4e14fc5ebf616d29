import { readPath } from "../conversation/fact-paths";
import type { CaseFacts } from "../../flows/schema/case-facts";
import type { Condition } from "../../flows/schema/condition";
import type { Parameter } from "../../flows/schema/rules";
import { evaluateCondition } from "../conditions/evaluate-condition";
import { capacityDerivedFacts, MEDIAN_PARAM } from "./capacity-derived-facts";
import type { DeriveInput, DerivedFactSpec } from "./derived-fact-spec";
import { lendingDerivedFacts } from "./lending-derived-facts";
import { refsOfCondition } from "./list-rule-refs";
import { medianForHousehold } from "./median-for-household";
import type { ParamReader } from "./param-as-of";
import { numberParam, paramReaderAsOf, tableParam } from "./param-as-of";

/** Reads base and derived facts for one case as of one date. */
export type FactReader = {
  readFact: (name: string) => unknown;
  /** The CaseFacts paths that would settle the given (base or derived) facts. */
  missingPaths: (names: readonly string[]) => string[];
  readParam: ParamReader;
};

const financialDistress: Condition = {
  any: [
    { fact: "smallBusiness.closed", op: "eq", value: true },
    { fact: "overdueDays", op: "gte", param: "fresh_start_fund.min_overdue_days" },
    { fact: "atRiskOfDefault", op: "eq", value: true },
  ],
};

/** Derived facts about income, debts, credit and crises; see also the capacity and lending modules. */
const generalDerivedFacts = {
  /** The resident's own yearly income: annualIncomeKrw, else 12 × monthlyIncomeKrw. */
  ownAnnualIncomeKrw: {
    dependsOn: ["annualIncomeKrw", "monthlyIncomeKrw"], params: [],
    compute: ({ facts }) => facts.annualIncomeKrw ?? (facts.monthlyIncomeKrw === undefined ? undefined : facts.monthlyIncomeKrw * 12),
  },
  /**
   * The smallest whole percentage P of 기준 중위소득 whose line (median × P / 100, rounded half-up
   * as the official tables are) the household's monthly income does not exceed. So
   * `incomePctOfMedian lte 32` holds exactly when income ≤ the published 32% line. Households of
   * 8 and more follow the 고시's step rule (see medianForHousehold); unknown where the table does
   * not settle the size.
   */
  incomePctOfMedian: {
    dependsOn: ["householdSize", "monthlyIncomeKrw"], params: [MEDIAN_PARAM],
    compute: ({ facts, param }) => {
      const table = tableParam(param, MEDIAN_PARAM);
      const median = facts.householdSize === undefined || table === undefined ? undefined : medianForHousehold(table, facts.householdSize);
      if (median === undefined || facts.monthlyIncomeKrw === undefined) return undefined;
      return smallestPctCovering(facts.monthlyIncomeKrw, median);
    },
  },
  unsecuredDebtKrw: {
    dependsOn: ["totalDebtKrw", "securedDebtKrw"], params: [],
    compute: ({ facts }) => facts.totalDebtKrw === undefined || facts.securedDebtKrw === undefined ? undefined : Math.max(0, facts.totalDebtKrw - facts.securedDebtKrw),
  },
  /** Unsecured ≤ 5억, secured ≤ 10억, total ≤ 15억 (신용회복위원회 programs). */
  withinCcrsCaps: {
    dependsOn: ["totalDebtKrw", "securedDebtKrw"], params: ["ccrs.unsecured_cap_krw", "ccrs.secured_cap_krw", "ccrs.total_cap_krw"],
    compute: ({ facts, param }) => withinCaps(facts, numberParam(param, "ccrs.unsecured_cap_krw"), numberParam(param, "ccrs.secured_cap_krw"), numberParam(param, "ccrs.total_cap_krw")),
  },
  /** Unsecured ≤ 10억 and secured ≤ 15억 (개인회생). */
  withinRehabilitationCaps: {
    dependsOn: ["totalDebtKrw", "securedDebtKrw"], params: ["rehabilitation.unsecured_cap_krw", "rehabilitation.secured_cap_krw"],
    compute: ({ facts, param }) => {
      const unsecured = numberParam(param, "rehabilitation.unsecured_cap_krw");
      const secured = numberParam(param, "rehabilitation.secured_cap_krw");
      return unsecured === undefined || secured === undefined ? undefined : withinCaps(facts, unsecured, secured, unsecured + secured);
    },
  },
  /** 새출발기금 limits: unsecured ≤ 5억, secured ≤ 10억, total ≤ 15억. */
  withinFreshStartLimits: {
    dependsOn: ["totalDebtKrw", "securedDebtKrw"], params: ["fresh_start_fund.unsecured_cap_krw", "fresh_start_fund.secured_cap_krw", "fresh_start_fund.total_cap_krw"],
    compute: ({ facts, param }) => withinCaps(facts, numberParam(param, "fresh_start_fund.unsecured_cap_krw"), numberParam(param, "fresh_start_fund.secured_cap_krw"), numberParam(param, "fresh_start_fund.total_cap_krw")),
  },
  /** New debt in the last 6 months is below the CCRS share of total debt (30%), exactly. */
  newDebtUnderCcrsLimit: {
    dependsOn: ["newDebtLast6MonthsKrw", "totalDebtKrw"], params: ["ccrs.new_debt_max_pct"],
    compute: ({ facts, param }) => {
      const pct = numberParam(param, "ccrs.new_debt_max_pct");
      if (pct === undefined || facts.newDebtLast6MonthsKrw === undefined || facts.totalDebtKrw === undefined) return undefined;
      return facts.newDebtLast6MonthsKrw * 100 < pct * facts.totalDebtKrw || facts.newDebtLast6MonthsKrw === 0;
    },
  },
  /** Bottom 20% of credit scores by the bureau's cut-off (KCB 700, NICE 744/749: sources disagree). */
  bottom20CreditScore: {
    dependsOn: ["creditScore"], params: ["credit.bottom20_kcb_max_score", "credit.bottom20_nice_max_score"],
    compute: ({ facts, param }) => {
      if (!facts.creditScore) return undefined;
      const cutoff = numberParam(param, facts.creditScore.bureau === "KCB" ? "credit.bottom20_kcb_max_score" : "credit.bottom20_nice_max_score");
      return cutoff === undefined ? undefined : facts.creditScore.score <= cutoff;
    },
  },
  /** 경기 극저신용대출 score line; 수급자, 차상위 and single parents have a higher line. */
  gyeonggiLowCreditScore: {
    dependsOn: ["creditScore", "welfareStatus"],
    params: ["gyeonggi_low_credit.nice_max_score", "gyeonggi_low_credit.kcb_max_score", "gyeonggi_low_credit.nice_max_score_priority", "gyeonggi_low_credit.kcb_max_score_priority"],
    compute: ({ facts, param }) => {
      if (!facts.creditScore) return undefined;
      const nice = facts.creditScore.bureau === "NICE";
      const strict = numberParam(param, nice ? "gyeonggi_low_credit.nice_max_score" : "gyeonggi_low_credit.kcb_max_score");
      const relaxed = numberParam(param, nice ? "gyeonggi_low_credit.nice_max_score_priority" : "gyeonggi_low_credit.kcb_max_score_priority");
      if (strict === undefined || relaxed === undefined) return undefined;
      if (facts.creditScore.score <= strict) return true;
      if (facts.creditScore.score > relaxed) return false;
      return facts.welfareStatus === undefined ? undefined : facts.welfareStatus !== "none";
    },
  },
  /** 수급자 or severe disability: the "vulnerable" of the CCRS programs. */
  vulnerable: {
    condition: { any: [{ fact: "welfareStatus", op: "eq", value: "basic_livelihood" }, { fact: "severeDisability", op: "eq", value: true }] },
  },
  /** A crisis 긴급복지지원법 names (death, illness, violence, disaster, closure, job loss). */
  statutoryCrisis: {
    condition: { fact: "crisisEvents", op: "includesAny", value: ["job_loss", "business_closure", "serious_illness", "hospital_3_months", "death_of_earner", "domestic_violence", "disaster"] },
  },
  /** Ran a business in 2020-04..2025-06 and it is closed, ≥ 90 days overdue or at risk (새출발기금). */
  freshStartSmallBusiness: {
    condition: { all: [{ fact: "smallBusiness.operatedBetween2020And2025", op: "eq", value: true }, financialDistress] },
  },
} satisfies Record<string, DerivedFactSpec>;

/** Derived facts, named so they never collide with a CaseFacts path. */
export const derivedFacts = { ...generalDerivedFacts, ...capacityDerivedFacts, ...lendingDerivedFacts };

export type DerivedFactName = keyof typeof derivedFacts;

export function isDerivedFactName(name: string): name is DerivedFactName {
  return Object.hasOwn(derivedFacts, name);
}

/**
 * Reads facts for one case as of `asOf`: CaseFacts paths as given, derived facts computed once
 * on first read. Pure: the date and the parameters come in, nothing is read from the outside.
 */
export function deriveFacts(facts: CaseFacts, parameters: readonly Parameter[], asOf: string): FactReader {
  const param = paramReaderAsOf(parameters, asOf);
  const input: DeriveInput = { facts, param, parameters, asOf };
  const cache = new Map<string, { value: unknown; missing: string[] }>();
  const resolve = (name: string): { value: unknown; missing: string[] } => {
    const cached = cache.get(name);
    if (cached) return cached;
    let result: { value: unknown; missing: string[] };
    if (!isDerivedFactName(name)) {
      const value = readPath(facts, name);
      result = { value, missing: value === undefined ? [name] : [] };
    } else {
      const spec: DerivedFactSpec = derivedFacts[name];
      if ("condition" in spec) {
        const outcome = evaluateCondition(spec.condition, { readFact: (n) => resolve(n).value, readParam: param });
        result = { value: outcome.value, missing: unique(outcome.missing.flatMap((n) => resolve(n).missing)) };
      } else {
        const value = spec.compute(input);
        const untold = () => {
          const absent = spec.dependsOn.filter((path) => readPath(facts, path) === undefined);
          return absent.length ? absent : [...spec.dependsOn];
        };
        result = { value, missing: value !== undefined ? [] : spec.explain ? spec.explain(input) : untold() };
      }
    }
    cache.set(name, result);
    return result;
  };
  return {
    readFact: (name) => resolve(name).value,
    missingPaths: (names) => unique(names.flatMap((n) => resolve(n).missing)),
    readParam: param,
  };
}

/** Derived-fact specs never change at run time, so what a name depends on is worked out once. */
function memoizeByName(compute: (name: string) => string[]): (name: string) => string[] {
  const cache = new Map<string, string[]>();
  return (name) => {
    const cached = cache.get(name);
    if (cached) return cached;
    const computed = compute(name);
    cache.set(name, computed);
    return computed;
  };
}

/** The CaseFacts paths a fact name stands for (itself, unless it is derived). */
export const factDependencies = memoizeByName(computeFactDependencies);

/** Parameters a fact needs as of the evaluation date (none for a CaseFacts path). */
export const factParams = memoizeByName(computeFactParams);

function computeFactDependencies(name: string): string[] {
  if (!isDerivedFactName(name)) return [name];
  const spec: DerivedFactSpec = derivedFacts[name];
  if ("condition" in spec) return unique(refsOfCondition(spec.condition, "").flatMap((r) => (r.kind === "fact" ? factDependencies(r.name) : [])));
  return [...spec.dependsOn];
}

function computeFactParams(name: string): string[] {
  if (!isDerivedFactName(name)) return [];
  const spec: DerivedFactSpec = derivedFacts[name];
  if ("condition" in spec) return unique(refsOfCondition(spec.condition, "").flatMap((r) => (r.kind === "param" ? [r.name] : factParams(r.name))));
  return [...spec.params];
}

/** Every parameter any derived fact reads, for the rule-set check. */
export function listDerivedFactParams(): string[] {
  return unique(Object.entries(derivedFacts).flatMap(([name, spec]: [string, DerivedFactSpec]) => [
    ...factParams(name),
    ...("contractParams" in spec ? spec.contractParams ?? [] : []),
  ]));
}

/** Exact integer math: the least P ≥ 0 with income ≤ round-half-up(median × P / 100). */
function smallestPctCovering(income: number, median: number): number {
  const numerator = BigInt(income) * 100n - 50n;
  if (numerator <= 0n) return 0;
  const m = BigInt(median);
  return Number((numerator + m - 1n) / m);
}

/**
 * Whether debts fit caps, using what is known: with the secured part untold, a total within the
 * smaller cap fits and a total over the overall cap does not; otherwise it is unknown.
 */
function withinCaps(facts: CaseFacts, unsecuredCap: number | undefined, securedCap: number | undefined, totalCap: number | undefined): boolean | undefined {
  const total = facts.totalDebtKrw;
  if (total === undefined || unsecuredCap === undefined || securedCap === undefined || totalCap === undefined) return undefined;
  if (total > totalCap) return false;
  const secured = facts.securedDebtKrw;
  if (secured === undefined) return total <= Math.min(unsecuredCap, securedCap) ? true : undefined;
  return Math.max(0, total - secured) <= unsecuredCap && secured <= securedCap;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
