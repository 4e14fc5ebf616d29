import { z } from "zod";
import type { Parameter, RuleSet } from "../../flows/schema/rules";
import { paramIdSchema, parameterValueSchema } from "../../flows/schema/rules";

/**
 * One dated value an admin added to a shipped parameter. Only the admin's values are stored (not
 * the whole rule set), so a deploy that changes the shipped rules is never masked by an old copy.
 */
export const parameterOverrideSchema = z.strictObject({
  param: paramIdSchema,
  effectiveFrom: z.iso.date(),
  value: parameterValueSchema,
  source: z.string().min(1).optional(),
  confirmed: z.boolean().optional(),
});
export type ParameterOverride = z.infer<typeof parameterOverrideSchema>;

/** The stored document ("rules" in the flow version store), as YAML. */
export const parameterOverridesSchema = z.strictObject({ values: z.array(parameterOverrideSchema) });
export type ParameterOverrides = z.infer<typeof parameterOverridesSchema>;

export type OverrideProblem = { path: string; message: string };
export type MergeResult = { ok: true; ruleSet: RuleSet } | { ok: false; problems: OverrideProblem[] };

/**
 * Lays admin values over the shipped rule set: a value with the same effectiveFrom as a shipped
 * one replaces it, any other is inserted in date order. The result is not yet checked (units,
 * references): run it through parseRuleSet. Unknown parameters and a date given twice are problems.
 * Never mutates its inputs.
 */
export function applyParameterOverrides(shipped: RuleSet, overrides: readonly ParameterOverride[]): MergeResult {
  const known = new Set(shipped.parameters.map((p) => p.id));
  const problems: OverrideProblem[] = [];
  const seen = new Set<string>();
  for (const override of overrides) {
    const key = `${override.param}@${override.effectiveFrom}`;
    if (!known.has(override.param)) problems.push({ path: `parameters.${override.param}`, message: `unknown parameter "${override.param}"` });
    else if (seen.has(key)) problems.push({ path: valuePath(override.param, override.effectiveFrom), message: "given twice for this date" });
    seen.add(key);
  }
  if (problems.length) return { ok: false, problems };
  const parameters = shipped.parameters.map((parameter) => withOverrides(parameter, overrides.filter((o) => o.param === parameter.id)));
  return { ok: true, ruleSet: { ...shipped, parameters } };
}

/** How problems name one dated value of a parameter: `parameters.<id>.values.<effectiveFrom>`. */
export function valuePath(param: string, effectiveFrom: string): string {
  return `parameters.${param}.values.${effectiveFrom}`;
}

function withOverrides(parameter: Parameter, overrides: readonly ParameterOverride[]): Parameter {
  if (overrides.length === 0) return parameter;
  const byDate = new Map(parameter.values.map((entry) => [entry.effectiveFrom, entry]));
  for (const { param: _param, ...entry } of overrides) byDate.set(entry.effectiveFrom, entry);
  const values = [...byDate.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  return { ...parameter, values };
}
