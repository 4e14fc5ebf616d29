import type { CaseFacts } from "../../flows/schema/case-facts";
import type { Condition } from "../../flows/schema/condition";
import type { RuleSet } from "../../flows/schema/rules";
import { readPath } from "../conversation/fact-paths";
import { evaluateCondition } from "../conditions/evaluate-condition";
import { MAX_MONEY_WON } from "../parse/parse-amount";
import { deriveFacts, factDependencies, isDerivedFactName } from "./derive-facts";
import type { ConditionLeaf } from "./list-rule-refs";
import { refsOfCondition } from "./list-rule-refs";
import { paramReaderAsOf } from "./param-as-of";

/**
 * A point where some comparison with a money fact changes value: amounts below `boundary` and
 * amounts from `boundary` on can give different results. `won` and `form` say it as people read
 * it: "lte" means "up to `won`" / "over `won`" (boundary = won + 1), "lt" means "under `won`" /
 * "`won` or more" (boundary = won).
 */
export type MoneyCut = { boundary: number; won: number; form: "lte" | "lt" };

const known = (...paths: string[]) => (facts: CaseFacts) => paths.every((path) => readPath(facts, path) !== undefined);

/**
 * Derived facts the rules read a money fact through, that never fall as the amount rises (with
 * the other facts fixed), with what must be known for that to hold whatever is asked later. Only
 * these can be inverted to won; a derived fact not listed here makes a money fact's cuts
 * unknowable (no range buttons).
 */
/** The money facts a derived fact reads as a rising amount (top-level numbers of CaseFacts). */
type IncomePath = "annualIncomeKrw" | "monthlyIncomeKrw";
const isIncomePath = (path: string): path is IncomePath => path === "annualIncomeKrw" || path === "monthlyIncomeKrw";

const MONOTONE_IN: Readonly<Record<string, Readonly<Partial<Record<IncomePath, (facts: CaseFacts) => boolean>>>>> = {
  // 12 × monthly while the yearly figure is untold; once told, monthly no longer counts (a constant).
  ownAnnualIncomeKrw: { annualIncomeKrw: known(), monthlyIncomeKrw: known() },
  incomePctOfMedian: { monthlyIncomeKrw: known("householdSize") },
  incomeAboveLivingCost: { monthlyIncomeKrw: known("householdSize") },
  // With no debt at all there is nothing to repay (always true), whatever the secured part.
  repayableFromSurplus: { monthlyIncomeKrw: (facts) => known("householdSize", "totalDebtKrw")(facts) && (facts.totalDebtKrw === 0 || known("securedDebtKrw")(facts)) },
};

/**
 * The amounts at which an answer to the money fact at `path` can change any comparison the rules
 * still make with it, given `facts` (where `path` is unknown) as of `asOf`: comparisons with the
 * fact itself, and with the derived facts that read it (a ratio to 기준 중위소득 for the known
 * household size, 12 × a monthly income). Rules already false whatever is answered are left out;
 * `extra` conditions (the flow's own branches) always count. Sorted by boundary, one per boundary.
 *
 * Undefined when some comparison that still counts cannot be inverted to won with what is known
 * (a derived fact not known to be monotone, a partner fact still unknown, loan figures): then no
 * range can promise the same result as every exact amount in it.
 */
export function computeMoneyCuts(ruleSet: RuleSet, path: string, facts: CaseFacts, asOf: string, extra: readonly Condition[] = []): MoneyCut[] | undefined {
  if (path.startsWith("illegalLending")) return undefined;
  const derived = deriveFacts(facts, ruleSet.parameters, asOf);
  // Whatever reads the amount, or a fact still untold, counts as unknown (a derived fact may fall back on one fact while
  // another is untold: 12 × monthly income until the yearly one is told), so a rule false here stays false for every
  // amount and every later answer.
  const settled = (name: string) => factDependencies(name).every((dep) => !overlaps(dep, path) && readPath(facts, dep) !== undefined);
  const reader = { ...derived, readFact: (name: string) => (settled(name) ? derived.readFact(name) : undefined) };
  const live = (when: Condition) => evaluateCondition(when, reader).value !== false;
  const conditions = [
    ...ruleSet.rules.filter((rule) => live(rule.when)).flatMap((rule) => [rule.when, ...(rule.boosts ?? []).map((boost) => boost.when)]),
    ...ruleSet.urgent.filter((rule) => live(rule.when)).map((rule) => rule.when),
    ...extra,
  ];
  const leaves = conditions.flatMap((condition) => refsOfCondition(condition, "")).flatMap((ref) => (ref.kind === "fact" && ref.leaf !== undefined ? [ref.leaf] : []))
    .filter((leaf) => factDependencies(leaf.fact).some((dep) => overlaps(dep, path)));
  const param = paramReaderAsOf(ruleSet.parameters, asOf);
  const cuts: MoneyCut[] = [];
  for (const leaf of leaves) {
    const found = cutsOfLeaf(leaf, path, facts, ruleSet, asOf, param);
    if (found === undefined) return undefined;
    cuts.push(...found);
  }
  const byBoundary = new Map<number, MoneyCut>();
  for (const cut of cuts) if (cut.boundary > 0 && cut.boundary <= MAX_MONEY_WON && !byBoundary.has(cut.boundary)) byBoundary.set(cut.boundary, cut);
  return [...byBoundary.values()].sort((a, b) => a.boundary - b.boundary);
}

/** One interval of amounts between cuts: `min` to `max` inclusive (`max` undefined: no upper end). */
export type MoneyInterval = { min: number; max: number | undefined; lower?: MoneyCut; upper?: MoneyCut };

/** The intervals the cuts make, from 0 up. */
export function intervalsOf(cuts: readonly MoneyCut[]): MoneyInterval[] {
  const intervals: MoneyInterval[] = [];
  let lower: MoneyCut | undefined;
  for (const cut of cuts) {
    intervals.push({ min: lower?.boundary ?? 0, max: cut.boundary - 1, ...(lower ? { lower } : {}), upper: cut });
    lower = cut;
  }
  intervals.push({ min: lower?.boundary ?? 0, max: undefined, ...(lower ? { lower } : {}) });
  return intervals;
}

/**
 * The amount saved for an interval: a round figure (to the 만원, else the won) near its middle,
 * inside it; for the open top interval, its lower end rounded up to the 만원 (or the end itself).
 */
export function representativeOf(interval: Pick<MoneyInterval, "min" | "max">): number {
  const { min, max } = interval;
  if (max === undefined) {
    const rounded = Math.ceil(min / 10_000) * 10_000;
    return rounded <= MAX_MONEY_WON ? rounded : min;
  }
  const middle = Math.floor((min + max) / 2);
  const rounded = Math.round(middle / 10_000) * 10_000;
  return rounded >= min && rounded <= max ? rounded : middle;
}

function cutsOfLeaf(leaf: ConditionLeaf, path: string, facts: CaseFacts, ruleSet: RuleSet, asOf: string, param: (id: string) => unknown): MoneyCut[] | undefined {
  if (!("op" in leaf)) return undefined;
  if (leaf.op === "known" || leaf.op === "unknown") return leaf.fact === path || isDefinedEverywhere(leaf.fact, path, facts, ruleSet, asOf) ? [] : undefined;
  const threshold = "param" in leaf && leaf.param !== undefined ? param(leaf.param) : "value" in leaf ? leaf.value : undefined;
  const target = typeof threshold === "boolean" ? Number(threshold) : threshold;
  if (typeof target !== "number" || !["eq", "ne", "lt", "lte", "gt", "gte"].includes(leaf.op)) return undefined;
  const g = leaf.fact === path ? (won: number) => won : monotoneReader(leaf.fact, path, facts, ruleSet, asOf);
  if (g === undefined) return undefined;
  // The first amount at which the (never falling) value reaches the threshold, and the first at which it passes it.
  const reaches = firstAmount((won) => g(won) >= target);
  const passes = firstAmount((won) => g(won) > target);
  const lt = (boundary: number): MoneyCut => ({ boundary, won: boundary, form: "lt" });
  const lte = (boundary: number): MoneyCut => ({ boundary, won: boundary - 1, form: "lte" });
  switch (leaf.op) {
    case "lt":
    case "gte":
      return [lt(reaches)];
    case "lte":
    case "gt":
      return [lte(passes)];
    default:
      return [lt(reaches), lte(passes)];
  }
}

/** The derived fact as a number of the amount at `path` (true = 1), when it is known never to fall; else undefined. */
function monotoneReader(name: string, path: string, facts: CaseFacts, ruleSet: RuleSet, asOf: string): ((won: number) => number) | undefined {
  if (!isDerivedFactName(name) || !isIncomePath(path)) return undefined;
  const holds = MONOTONE_IN[name]?.[path];
  if (holds === undefined || !holds(facts)) return undefined;
  const valueAt = (won: number) => {
    const withAmount: CaseFacts = { ...facts };
    withAmount[path] = won;
    const value = deriveFacts(withAmount, ruleSet.parameters, asOf).readFact(name);
    return typeof value === "boolean" ? Number(value) : value;
  };
  if (typeof valueAt(0) !== "number" || typeof valueAt(MAX_MONEY_WON) !== "number") return undefined;
  return (won) => {
    const value = valueAt(won);
    return typeof value === "number" ? value : Number.NaN;
  };
}

function isDefinedEverywhere(name: string, path: string, facts: CaseFacts, ruleSet: RuleSet, asOf: string): boolean {
  return monotoneReader(name, path, facts, ruleSet, asOf) !== undefined;
}

/** The least amount in 0..MAX_MONEY_WON where `holds` (which never stops holding as the amount rises); MAX + 1 when none. */
function firstAmount(holds: (won: number) => boolean): number {
  let low = 0;
  let high = MAX_MONEY_WON + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** One path names the other or lies inside it. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
