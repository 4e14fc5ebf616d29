import type { Condition } from "../../flows/schema/condition";
import type { DateRef, MessageTemplate, Rule, RuleSet, UrgentRule } from "../../flows/schema/rules";

/** A comparison, membership or presence test: a condition without all/any/not. */
export type ConditionLeaf = Exclude<Condition, { all: Condition[] } | { any: Condition[] } | { not: Condition }>;

/** One place where rule data names a fact or a parameter, with its path for problem reports. */
export type RuleRef =
  | { kind: "fact"; name: string; path: string; leaf?: ConditionLeaf }
  | { kind: "param"; name: string; path: string; leaf?: ConditionLeaf; date?: true };

/** Every fact and parameter a rule set names: rules, boosts, messages, dates and urgent rules. */
export function listRuleRefs(ruleSet: RuleSet): RuleRef[] {
  return [
    ...ruleSet.rules.flatMap((rule) => refsOfRule(rule, `rules.${rule.id}`)),
    ...ruleSet.urgent.flatMap((urgent) => refsOfUrgentRule(urgent, `urgent.${urgent.id}`)),
  ];
}

/** The refs that decide whether the rule itself applies (its boosts are separate). */
export function refsOfRuleCore(rule: Rule, path: string): RuleRef[] {
  return [
    ...refsOfCondition(rule.when, `${path}.when`),
    ...rule.reasons.flatMap((m, i) => refsOfMessage(m, `${path}.reasons.${i}`)),
    ...rule.nextSteps.flatMap((m, i) => refsOfMessage(m, `${path}.nextSteps.${i}`)),
    ...refsOfDate(rule.effectiveFrom, `${path}.effectiveFrom`),
    ...refsOfDate(rule.until, `${path}.until`),
  ];
}

export function refsOfRule(rule: Rule, path: string): RuleRef[] {
  return [
    ...refsOfRuleCore(rule, path),
    ...(rule.boosts ?? []).flatMap((boost, i) => [
      ...refsOfCondition(boost.when, `${path}.boosts.${i}.when`),
      ...refsOfMessage(boost.reason, `${path}.boosts.${i}.reason`),
    ]),
  ];
}

export function refsOfUrgentRule(urgent: UrgentRule, path: string): RuleRef[] {
  return [...refsOfCondition(urgent.when, `${path}.when`), ...refsOfMessage(urgent.message, `${path}.message`)];
}

export function refsOfCondition(condition: Condition, path: string): RuleRef[] {
  if ("all" in condition) return condition.all.flatMap((c, i) => refsOfCondition(c, `${path}.all.${i}`));
  if ("any" in condition) return condition.any.flatMap((c, i) => refsOfCondition(c, `${path}.any.${i}`));
  if ("not" in condition) return refsOfCondition(condition.not, `${path}.not`);
  const refs: RuleRef[] = [{ kind: "fact", name: condition.fact, path: `${path}.fact`, leaf: condition }];
  if ("param" in condition && condition.param !== undefined) refs.push({ kind: "param", name: condition.param, path: `${path}.param`, leaf: condition });
  return refs;
}

export function refsOfMessage(message: MessageTemplate, path: string): RuleRef[] {
  return Object.entries(message.params ?? {}).flatMap(([name, ref]): RuleRef[] => {
    if (typeof ref !== "object") return [];
    return "fact" in ref
      ? [{ kind: "fact", name: ref.fact, path: `${path}.params.${name}` }]
      : [{ kind: "param", name: ref.param, path: `${path}.params.${name}` }];
  });
}

function refsOfDate(ref: DateRef | undefined, path: string): RuleRef[] {
  return typeof ref === "object" ? [{ kind: "param", name: ref.param, path: `${path}.param`, date: true }] : [];
}
