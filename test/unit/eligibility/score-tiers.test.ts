import type { ScoringScope } from "../../../bot/eligibility/score-services";
import { scoreRules, scoreTiers } from "../../../bot/eligibility/score-services";
import { loadRuleCases } from "../../../flows/load-rule-cases";
import { loadRuleSet } from "../../../flows/load-rules";
import { serviceIds } from "../../../flows/schema/catalog";

const ruleSet = loadRuleSet();
const cases = loadRuleCases().flatMap(({ cases: list }) => list);

/** What scoreTiers promises: scoreRules' tiers, scores and order, urgent codes and loans, without the words. */
function tiersOfFullScoring(scope: ScoringScope, facts: (typeof cases)[number]["facts"], asOf: string) {
  const full = scoreRules(ruleSet, facts, asOf, scope);
  return {
    recommendations: full.recommendations.map(({ service, tier, score }) => ({ service, tier, score })),
    urgent: full.urgent.map((notice) => notice.code),
    ...(full.loans ? { loans: full.loans } : {}),
  };
}

describe("scoreTiers", () => {
  const scopes: Array<[string, ScoringScope]> = [
    ["every service, urgent help and loans", { services: new Set(serviceIds), urgent: true, loans: true }],
    ["every service and urgent help, no loans", { services: new Set(serviceIds), urgent: true, loans: false }],
    ["a third of the services, no urgent help", { services: new Set(serviceIds.filter((_, i) => i % 3 === 0)), urgent: false, loans: true }],
  ];

  it.each(scopes)("when scoring every shipped rule case for %s, then it gives scoreRules' tiers, scores, order, urgent codes and loans", (_, scope) => {
    expect(cases.length).toBeGreaterThan(20);
    for (const ruleCase of cases) {
      expect({ name: ruleCase.name, ...scoreTiers(ruleSet, ruleCase.facts, ruleCase.asOf, scope) })
        .toEqual({ name: ruleCase.name, ...tiersOfFullScoring(scope, ruleCase.facts, ruleCase.asOf) });
    }
  });
});
