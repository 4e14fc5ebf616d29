import type { CaseFacts } from "../../flows/schema/case-facts";
import type { ServiceId, UrgentCode } from "../../flows/schema/catalog";
import type { RuleSet } from "../../flows/schema/rules";
import type { Condition } from "../../flows/schema/condition";
import { evaluateCondition } from "../conditions/evaluate-condition";
import { deriveFacts, factDependencies } from "./derive-facts";
import type { ConditionLeaf, RuleRef } from "./list-rule-refs";
import { refsOfRule, refsOfUrgentRule } from "./list-rule-refs";
import { paramReaderAsOf } from "./param-as-of";
import { scoreTiers, scoreUrgentNotices } from "./score-services";

/**
 * What the answer to one fact can touch: services (all their rules are scored), the rules and
 * urgent rules that read it, loan figures, and the comparisons made with it directly.
 */
type Reach = {
  services: ReadonlySet<ServiceId>; readers: readonly Condition[]; urgent: boolean; loans: boolean; leaves: readonly ConditionLeaf[];
};

const reaches = new WeakMap<RuleSet, Map<string, Reach>>();

/**
 * Which parts of the result the fact at `path` can touch at all: the services with a rule that
 * reads it (directly, or through a derived fact that reads it), urgent help, loan figures, and
 * the comparisons the rules make with it directly (for the values worth trying). Worked out once
 * per rule set and path.
 */
export function reachOf(ruleSet: RuleSet, path: string): Reach {
  let byPath = reaches.get(ruleSet);
  if (byPath === undefined) {
    byPath = new Map();
    reaches.set(ruleSet, byPath);
  }
  const known = byPath.get(path);
  if (known) return known;
  const touches = (refs: readonly RuleRef[]) => refs.some((ref) => ref.kind === "fact" && factDependencies(ref.name).some((fact) => overlaps(fact, path)));
  const readingRules = ruleSet.rules.filter((rule) => touches(refsOfRule(rule, "")));
  const readingUrgent = ruleSet.urgent.filter((rule) => touches(refsOfUrgentRule(rule, "")));
  const services = new Set(readingRules.map((rule) => rule.service));
  const urgent = readingUrgent.length > 0;
  const readers = [...readingRules.map((rule) => rule.when), ...readingUrgent.map((rule) => rule.when)];
  const leaves = [...ruleSet.rules.flatMap((rule) => refsOfRule(rule, "")), ...ruleSet.urgent.flatMap((rule) => refsOfUrgentRule(rule, ""))]
    .flatMap((ref) => (ref.kind === "fact" && ref.leaf !== undefined && overlaps(ref.name, path) ? [ref.leaf] : []));
  const reach: Reach = { services, readers, urgent, loans: path.startsWith("illegalLending"), leaves };
  byPath.set(path, reach);
  return reach;
}

const partnerCache = new WeakMap<RuleSet, Map<string, readonly string[]>>();

/**
 * The facts the rules read together with `path` through a derived fact (household size with
 * monthly income for the 중위소득 lines, a credit score's bureau with its score): an answer to
 * `path` may matter only once they are known too.
 */
export function partnersOf(ruleSet: RuleSet, path: string): readonly string[] {
  let byPath = partnerCache.get(ruleSet);
  if (byPath === undefined) {
    byPath = new Map();
    partnerCache.set(ruleSet, byPath);
  }
  const known = byPath.get(path);
  if (known) return known;
  const names = new Set([...ruleSet.rules.flatMap((rule) => refsOfRule(rule, "")), ...ruleSet.urgent.flatMap((rule) => refsOfUrgentRule(rule, ""))]
    .flatMap((ref) => (ref.kind === "fact" ? [ref.name] : [])));
  const partners = new Set<string>();
  for (const name of names) {
    const deps = factDependencies(name);
    if (deps.length > 1 && deps.some((dep) => overlaps(dep, path))) for (const dep of deps) if (!overlaps(dep, path)) partners.add(dep);
  }
  const list = [...partners];
  byPath.set(path, list);
  return list;
}

/** Whether any answer to `path` can touch the result at all (cheap: no scoring). */
export function isReadByRules(ruleSet: RuleSet, path: string): boolean {
  const reach = reachOf(ruleSet, path);
  return reach.services.size > 0 || reach.urgent || reach.loans;
}

/**
 * Whether some of `candidates` (the answers a question can give to `path`), or leaving it
 * unknown, give the resident a different result from the others: a service's tier or score, an
 * urgent item, a loan's figures. `withValue` writes a candidate into the facts as the engine
 * would store it. Only the services the fact can touch are scored.
 */
export function canChangeResult(
  ruleSet: RuleSet, asOf: string, path: string, candidates: readonly unknown[], withValue: (value: unknown) => CaseFacts | undefined,
): boolean {
  const reach = reachOf(ruleSet, path);
  if (reach.services.size === 0 && !reach.urgent && !reach.loans) return false;
  const signatures = new Set<string>();
  for (const candidate of [undefined, ...candidates]) {
    const facts = withValue(candidate);
    if (facts === undefined) continue;
    signatures.add(signatureOf(ruleSet, facts, asOf, reach));
    if (signatures.size > 1) return true;
  }
  return false;
}

/** The numbers the rules compare `path` with directly, as of `asOf` (thresholds worth trying as answers). */
export function thresholdsOf(ruleSet: RuleSet, path: string, asOf: string): number[] {
  const param = paramReaderAsOf(ruleSet.parameters, asOf);
  const values = reachOf(ruleSet, path).leaves.flatMap((leaf): unknown[] => {
    if (!("op" in leaf)) return [];
    if ("param" in leaf && leaf.param !== undefined) return [param(leaf.param)];
    return "value" in leaf ? [leaf.value].flat() : [];
  });
  return [...new Set(values.filter((v): v is number => typeof v === "number"))];
}

/** The urgent codes these facts raise. */
export function urgentCodesOf(ruleSet: RuleSet, facts: CaseFacts, asOf: string): UrgentCode[] {
  return scoreUrgentNotices(ruleSet, facts, asOf).map((notice) => notice.code);
}

/**
 * Whether every rule that reads `path` is already false with these facts (where `path` and any
 * fact still to be asked are unknown): by three-valued logic it stays false whatever the answers,
 * so no answer to `path` can change the result (loan figures aside).
 */
export function isSettledFalse(ruleSet: RuleSet, path: string, facts: CaseFacts, asOf: string): boolean {
  const reach = reachOf(ruleSet, path);
  if (reach.loans) return false;
  const reader = deriveFacts(facts, ruleSet.parameters, asOf);
  return reach.readers.every((when) => evaluateCondition(when, reader).value === false);
}

function signatureOf(ruleSet: RuleSet, facts: CaseFacts, asOf: string, reach: Reach): string {
  const evaluation = scoreTiers(ruleSet, facts, asOf, { services: reach.services, urgent: reach.urgent, loans: reach.loans });
  return JSON.stringify([
    evaluation.recommendations.map((r) => [r.service, r.tier, r.score]),
    reach.urgent ? evaluation.urgent : [],
    reach.loans ? evaluation.loans ?? [] : [],
  ]);
}

/** One path names the other or lies inside it ("illegalLending.loans" and "illegalLending.loans.0.days"). */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
