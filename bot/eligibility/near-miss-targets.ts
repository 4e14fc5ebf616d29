import type { CaseFacts } from "../../flows/schema/case-facts";
import { MEDIAN_PARAM } from "./capacity-derived-facts";
import type { FactReader } from "./derive-facts";
import type { ConditionLeaf } from "./list-rule-refs";
import { medianForHousehold, pctOfMedianLine } from "./median-for-household";
import { numberParam, tableParam } from "./param-as-of";

/** What a near miss talks about; each has its texts in `rules.near_miss.<topic>.<op>`. */
export type NearMissTopic = "overdue_days" | "total_debt" | "household_income" | "annual_income" | "urgent_cash" | "employed_months";
export type ThresholdOp = "gte" | "gt" | "lte" | "lt";
/** The CaseFacts numbers a near miss may move (all top-level, whole numbers). */
export type NumericFact = "overdueDays" | "totalDebtKrw" | "urgentCashKrw" | "employedMonths" | "annualIncomeKrw" | "monthlyIncomeKrw";
export type FactChange = { fact: NumericFact; value: number };

/**
 * One comparison turned into something a resident can be told: the fact moved just across the
 * threshold (`change`), how to say it (`topic`, `op`, `threshold`, `params`) and how far that is
 * (`distance`, 0..1, where 1 is the farthest still called close).
 */
export type NearMissTarget = { topic: NearMissTopic; op: ThresholdOp; threshold: number; params: Record<string, number>; change: FactChange; distance: number };

/**
 * How far still counts as close. Overdue days and months on the job only grow with time, so a
 * month (or three months of work) away is close; amounts of money are close within a fifth. These
 * are presentation choices, not program figures: every program figure comes from the rule's own
 * dated parameters.
 */
const CLOSE_DAYS = 30;
const CLOSE_MONTHS = 3;
const CLOSE_SHARE = 0.2;

/**
 * Which way each fact may be moved, by the op the resident would be told: overdue days and time
 * at work only go up (and overdue days only once already overdue: we never suggest falling
 * behind); debts and the cash needed only go down (we never suggest borrowing more); income either
 * way. A household's income against 기준 중위소득 is said as won a month ("이하"/"이상").
 */
export const NEAR_MISS_OPS: Record<NearMissTopic, readonly ThresholdOp[]> = {
  overdue_days: ["gte", "gt"],
  employed_months: ["gte", "gt"],
  total_debt: ["lte", "lt"],
  urgent_cash: ["lte", "lt"],
  annual_income: ["gte", "gt", "lte", "lt"],
  household_income: ["gte", "lte"],
};

/**
 * The near-miss target of one comparison that is false for these facts, or undefined when its
 * fact is not one we phrase, would move the wrong way, or is not close.
 */
export function nearMissTarget(leaf: ConditionLeaf, facts: CaseFacts, reader: FactReader): NearMissTarget | undefined {
  const side = thresholdOf(leaf, reader);
  if (side === undefined) return undefined;
  const { op, threshold } = side;
  switch (leaf.fact) {
    case "overdueDays":
      return facts.overdueDays !== undefined && facts.overdueDays > 0 ? plain("overdue_days", "overdueDays", facts.overdueDays, op, threshold, "days") : undefined;
    case "employedMonths":
      return facts.employedMonths === undefined ? undefined : plain("employed_months", "employedMonths", facts.employedMonths, op, threshold, "months");
    case "totalDebtKrw": {
      const target = facts.totalDebtKrw === undefined ? undefined : plain("total_debt", "totalDebtKrw", facts.totalDebtKrw, op, threshold, "share");
      // Never below the secured part: the debts would no longer add up.
      return target && target.change.value >= (facts.securedDebtKrw ?? 0) ? target : undefined;
    }
    case "urgentCashKrw": {
      const target = facts.urgentCashKrw === undefined ? undefined : plain("urgent_cash", "urgentCashKrw", facts.urgentCashKrw, op, threshold, "share");
      return target && target.change.value > 0 ? target : undefined;
    }
    case "ownAnnualIncomeKrw":
      return annualIncomeTarget(facts, op, threshold);
    case "incomePctOfMedian":
      return householdIncomeTarget(facts, reader, op, threshold);
    default:
      return undefined;
  }
}

/** The comparison as op and number; `between` becomes the bound on the fact's wrong side. */
function thresholdOf(leaf: ConditionLeaf, reader: FactReader): { op: ThresholdOp; threshold: number } | undefined {
  if (leaf.op === "between") {
    const actual = reader.readFact(leaf.fact);
    if (typeof actual !== "number") return undefined;
    return actual < leaf.value[0] ? { op: "gte", threshold: leaf.value[0] } : { op: "lte", threshold: leaf.value[1] };
  }
  if (leaf.op !== "gte" && leaf.op !== "gt" && leaf.op !== "lte" && leaf.op !== "lt") return undefined;
  const threshold = leaf.param !== undefined ? numberParam(reader.readParam, leaf.param) : leaf.value;
  return typeof threshold === "number" && Number.isInteger(threshold) ? { op: leaf.op, threshold } : undefined;
}

/** The nearest whole number on the comparison's side. */
function crossing(op: ThresholdOp, threshold: number): number {
  return op === "gt" ? threshold + 1 : op === "lt" ? threshold - 1 : threshold;
}

type Scale = "days" | "months" | "share";

function plain(topic: NearMissTopic, fact: NumericFact, actual: number, op: ThresholdOp, threshold: number, scale: Scale): NearMissTarget | undefined {
  if (!NEAR_MISS_OPS[topic].includes(op)) return undefined;
  const value = crossing(op, threshold);
  if (value < 0 || value === actual) return undefined;
  return closeEnough({ topic, op, threshold, params: {}, change: { fact, value }, distance: distance(scale, actual, value) });
}

/**
 * Yearly income (annualIncomeKrw, else 12 × monthlyIncomeKrw): the told figure moves, and the
 * threshold is said as a yearly amount either way.
 */
function annualIncomeTarget(facts: CaseFacts, op: ThresholdOp, threshold: number): NearMissTarget | undefined {
  const annual = facts.annualIncomeKrw ?? (facts.monthlyIncomeKrw === undefined ? undefined : facts.monthlyIncomeKrw * 12);
  if (annual === undefined) return undefined;
  if (facts.annualIncomeKrw !== undefined) return plain("annual_income", "annualIncomeKrw", annual, op, threshold, "share");
  const monthly = monthlyCrossing(op, threshold);
  if (monthly < 0) return undefined;
  return closeEnough({ topic: "annual_income", op, threshold, params: {}, change: { fact: "monthlyIncomeKrw", value: monthly }, distance: distance("share", annual, monthly * 12) });
}

/** The monthly income whose twelvefold is just on the comparison's side of a yearly threshold. */
function monthlyCrossing(op: ThresholdOp, yearly: number): number {
  if (op === "lte") return Math.floor(yearly / 12);
  if (op === "lt") return Math.ceil(yearly / 12) - 1;
  if (op === "gte") return Math.ceil(yearly / 12);
  return Math.floor(yearly / 12) + 1;
}

/**
 * A percentage of 기준 중위소득 said as won a month for the household's size: pct ≤ P exactly when
 * income ≤ the published P% line (see incomePctOfMedian), so pct < P is income ≤ the (P−1)% line,
 * pct ≥ P is income above the (P−1)% line and pct > P income above the P% line.
 */
function householdIncomeTarget(facts: CaseFacts, reader: FactReader, op: ThresholdOp, pct: number): NearMissTarget | undefined {
  const table = tableParam(reader.readParam, MEDIAN_PARAM);
  const size = facts.householdSize;
  const income = facts.monthlyIncomeKrw;
  const median = table === undefined || size === undefined ? undefined : medianForHousehold(table, size);
  if (median === undefined || size === undefined || income === undefined) return undefined;
  const down = op === "lte" || op === "lt";
  const lineFor = op === "lte" || op === "gt" ? pct : pct - 1;
  const value = pctOfMedianLine(median, lineFor) + (down ? 0 : 1);
  if (lineFor < 0 || value === income) return undefined;
  return closeEnough({ topic: "household_income", op: down ? "lte" : "gte", threshold: value, params: { size }, change: { fact: "monthlyIncomeKrw", value }, distance: distance("share", income, value) });
}

/** How far `to` is from `from`, over what still counts as close on that scale. */
function distance(scale: Scale, from: number, to: number): number {
  if (scale === "days") return Math.abs(to - from) / CLOSE_DAYS;
  if (scale === "months") return Math.abs(to - from) / CLOSE_MONTHS;
  return Math.abs(to - from) / Math.max(from, to, 1) / CLOSE_SHARE;
}

function closeEnough(target: NearMissTarget): NearMissTarget | undefined {
  return target.distance > 0 && target.distance <= 1 ? target : undefined;
}
