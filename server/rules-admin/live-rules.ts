import { parse as parseYaml, stringify } from "yaml";
import type { ParameterOverride } from "../../bot/eligibility/apply-parameter-overrides";
import { applyParameterOverrides, parameterOverridesSchema, valuePath } from "../../bot/eligibility/apply-parameter-overrides";
import type { RuleCaseFile } from "../../bot/eligibility/rule-cases";
import { runRuleCases } from "../../bot/eligibility/rule-cases";
import type { FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import { parseRuleSet } from "../../flows/load-rules";
import type { RuleSet } from "../../flows/schema/rules";
import type { DocumentParseResult, DocumentProblem } from "../admin-documents/versioned-document";
import { VersionedDocument } from "../admin-documents/versioned-document";
import type { Logger } from "../logging/create-logger";

/** The rule parameters' id in the flow version store, beside the flows and the schedule. */
export const RULES_DOCUMENT_ID = "rules";

/**
 * The rule set in force: the shipped flows/rules with the admins' dated values laid over it.
 * Only the admins' values are stored, so a deploy that changes the shipped rules takes effect
 * with them still applied; other instances take up a publish when notified (server/compose.ts).
 */
export function createLiveRules(deps: { store: FlowVersionStore; shipped: RuleSet; logger: Logger }): VersionedDocument<RuleSet> {
  return new VersionedDocument<RuleSet>({
    store: deps.store, id: RULES_DOCUMENT_ID, shipped: deps.shipped, logger: deps.logger,
    parse: ({ yaml, version }) => {
      const overrides = parseOverridesYaml(yaml);
      const parsed = overrides.ok ? parseRulesWithOverrides(deps.shipped, overrides.value) : overrides;
      // Evaluations name the rules that scored them: the shipped version plus the admins' version.
      return parsed.ok ? { ok: true, value: { ...parsed.value, version: adminRulesVersion(deps.shipped.version, version) } } : parsed;
    },
  });
}

/** The `rulesVersion` evaluations report while admin version `version` is in force, e.g. "2026.02-1+admin.3". */
export function adminRulesVersion(shippedVersion: string, version: number): string {
  return `${shippedVersion}+admin.${version}`;
}

/** A stored version's YAML as the admins' values, or the problems. */
export function parseOverridesYaml(yaml: string): DocumentParseResult<ParameterOverride[]> {
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (error) {
    return { ok: false, problems: [{ path: "(rules)", message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const parsed = parameterOverridesSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) };
  return { ok: true, value: parsed.data.values };
}

/** The admins' values as the YAML stored for a version (in parameter, then date order). */
export function toOverridesYaml(overrides: readonly ParameterOverride[]): string {
  const values = [...overrides].sort((a, b) => a.param.localeCompare(b.param) || a.effectiveFrom.localeCompare(b.effectiveFrom));
  return stringify({ values });
}

/**
 * The shipped rules with `overrides` merged, through parseRuleSet (so every unit and reference
 * check runs). Problems name a value by its date: `parameters.<id>.values.<effectiveFrom>…`.
 */
export function parseRulesWithOverrides(shipped: RuleSet, overrides: readonly ParameterOverride[]): DocumentParseResult<RuleSet> {
  const merged = applyParameterOverrides(shipped, overrides);
  if (!merged.ok) return merged;
  const parsed = parseRuleSet(merged.ruleSet);
  if (parsed.ok) return { ok: true, value: parsed.ruleSet };
  return { ok: false, problems: parsed.problems.map((problem) => namedByDate(problem, merged.ruleSet)) };
}

/** The publish gate: the merged set parses and every rule case passes against it. */
export function checkRulesDraft(shipped: RuleSet, overrides: readonly ParameterOverride[], cases: readonly RuleCaseFile[]): DocumentParseResult<RuleSet> {
  const parsed = parseRulesWithOverrides(shipped, overrides);
  if (!parsed.ok) return parsed;
  const failures = runRuleCases(parsed.value, cases);
  return failures.length ? { ok: false, problems: failures } : parsed;
}

function namedByDate(problem: DocumentProblem, merged: RuleSet): DocumentProblem {
  const match = /^parameters\.(.+)\.values\.(\d+)(\..*)?$/.exec(problem.path);
  if (!match?.[1] || match[2] === undefined) return problem;
  const entry = merged.parameters.find((p) => p.id === match[1])?.values[Number(match[2])];
  return entry ? { ...problem, path: `${valuePath(match[1], entry.effectiveFrom)}${match[3] ?? ""}` } : problem;
}
