import type { RuleSet } from "../../flows/schema/rules";
import { factDependencies } from "./derive-facts";
import { listRuleRefs } from "./list-rule-refs";

/**
 * The CaseFacts paths a rule set reads, derived facts replaced by what they are computed from.
 * The flow loader checks that the flow asks each of them.
 */
export function listRuleFacts(ruleSet: RuleSet): string[] {
  const paths = listRuleRefs(ruleSet).flatMap((ref) => (ref.kind === "fact" ? factDependencies(ref.name) : []));
  return [...new Set(paths)].sort();
}
