import type { CaseFacts } from "../../flows/schema/case-facts";
import type { ServiceId } from "../../flows/schema/catalog";
import { serviceIds } from "../../flows/schema/catalog";
import type { Condition } from "../../flows/schema/condition";
import type { RuleSet } from "../../flows/schema/rules";
import { evaluateCondition } from "../conditions/evaluate-condition";
import type { Msg } from "../types";
import { deriveFacts } from "./derive-facts";
import type { ConditionLeaf } from "./list-rule-refs";
import type { FactChange, NearMissTarget } from "./near-miss-targets";
import { nearMissTarget } from "./near-miss-targets";
import type { ScoredServices, ScoredTiers, Tier } from "./score-services";

/**
 * A service one threshold away: what to tell the resident (`rules.near_miss.<topic>.<op>`, with
 * `service`, `threshold` and `outcome`: "appears" or "rises") and the one fact change behind it,
 * which a new evaluation confirms.
 */
export type NearMiss = { service: ServiceId; message: Msg; change: FactChange };

export const MAX_NEAR_MISSES = 3;

type Candidate = { service: ServiceId; ruleScore: number; target: NearMissTarget };

const tierRank = (tier: Tier | undefined): number => (tier === "likely" ? 3 : tier === "possible" ? 2 : tier === "insufficient_data" ? 1 : 0);

/**
 * "What would change it": for each rule that is false and would make its service likely (no
 * `maxTier`; the service not likely yet), each false comparison whose flip alone makes the rule
 * true (the comparison forced true, the rest evaluated three-valued as they are) names a fact and
 * a threshold; the fact is moved just across it, and a new evaluation (`rescore`) must show the
 * service as likely while every service shown as likely or possible keeps its tier and the urgent
 * notices stay the same. At most three services, nearest first; only facts a resident could move
 * that way (see near-miss-targets.ts).
 */
export function findNearMisses(ruleSet: RuleSet, facts: CaseFacts, scored: ScoredServices, rescore: (facts: CaseFacts) => Rescored): NearMiss[] {
  const reader = deriveFacts(facts, ruleSet.parameters, scored.asOf);
  const tiers = new Map(scored.recommendations.map((r) => [r.service, r.tier]));
  const candidates: Candidate[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.maxTier !== undefined || tiers.get(rule.service) === "likely") continue;
    if (evaluateCondition(rule.when, reader).value !== false) continue;
    for (const { leaf, forced } of flipsOf(rule.when)) {
      if (evaluateCondition(leaf, reader).value !== false) continue;
      if (evaluateCondition(forced, reader).value !== true) continue;
      const target = nearMissTarget(leaf, facts, reader);
      if (target) candidates.push({ service: rule.service, ruleScore: rule.score, target });
    }
  }
  candidates.sort((a, b) => a.target.distance - b.target.distance || b.ruleScore - a.ruleScore || serviceIds.indexOf(a.service) - serviceIds.indexOf(b.service));

  const rescored = new Map<string, Rescored>();
  const found: NearMiss[] = [];
  for (const { service, target } of candidates) {
    if (found.length >= MAX_NEAR_MISSES) break;
    if (found.some((f) => f.service === service)) continue;
    const id = `${target.change.fact}=${target.change.value}`;
    const after = rescored.get(id) ?? rescore({ ...facts, [target.change.fact]: target.change.value });
    rescored.set(id, after);
    const outcome = judgeChange(scored, after, service);
    if (outcome === undefined) continue;
    found.push({
      service,
      message: { key: `rules.near_miss.${target.topic}.${target.op}`, params: { service, outcome, threshold: target.threshold, ...target.params } },
      change: target.change,
    });
  }
  return found;
}

/** What a new evaluation must tell: every service's tier and the urgent codes (scoreTiers of every service, with urgent help). */
export type Rescored = Pick<ScoredTiers, "recommendations" | "urgent">;

/** "appears" or "rises" when the change makes `service` likely and takes nothing shown away; else undefined. */
function judgeChange(before: ScoredServices, after: Rescored, service: ServiceId): "appears" | "rises" | undefined {
  const tierAfter = new Map(after.recommendations.map((r) => [r.service, r.tier]));
  const was = before.recommendations.find((r) => r.service === service)?.tier;
  if (tierAfter.get(service) !== "likely") return undefined;
  const keepsShown = before.recommendations
    .filter((r) => r.tier !== "insufficient_data")
    .every((r) => tierRank(tierAfter.get(r.service)) >= tierRank(r.tier));
  const sameUrgent = before.urgent.map((u) => u.code).join() === after.urgent.join();
  if (!keepsShown || !sameUrgent) return undefined;
  return was === "possible" ? "rises" : "appears";
}

/**
 * Each numeric comparison of a rule's condition with the condition it would be, forced true:
 * worked out once per condition (rule sets are immutable once loaded).
 */
function flipsOf(condition: Condition): ReadonlyArray<{ leaf: ConditionLeaf; forced: Condition }> {
  let flips = flipCache.get(condition);
  if (flips === undefined) {
    flips = listComparisons(condition).map((leaf) => ({ leaf, forced: forceTrue(condition, leaf) }));
    flipCache.set(condition, flips);
  }
  return flips;
}
const flipCache = new WeakMap<Condition, ReadonlyArray<{ leaf: ConditionLeaf; forced: Condition }>>();

/** The numeric comparisons of a condition, outside any `not` (whose flip would mean the opposite). */
function listComparisons(condition: Condition): ConditionLeaf[] {
  if ("all" in condition) return condition.all.flatMap(listComparisons);
  if ("any" in condition) return condition.any.flatMap(listComparisons);
  if ("not" in condition) return [];
  return ["gte", "gt", "lte", "lt", "between"].includes(condition.op) ? [condition] : [];
}

/** The condition with `leaf` (by identity) replaced by a test that holds, since its fact is known. */
function forceTrue(condition: Condition, leaf: ConditionLeaf): Condition {
  if (condition === leaf) return { fact: leaf.fact, op: "known" };
  if ("all" in condition) return { all: condition.all.map((c) => forceTrue(c, leaf)) };
  if ("any" in condition) return { any: condition.any.map((c) => forceTrue(c, leaf)) };
  return condition;
}
