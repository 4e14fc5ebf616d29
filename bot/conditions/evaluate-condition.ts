import type { Condition, Scalar } from "../../flows/schema/condition";

/** Three-valued truth: `undefined` means "cannot tell yet, a fact is missing". */
export type Truth = boolean | undefined;

export type ConditionResult = { value: Truth; missing: string[] };

export type ConditionContext = {
  /** Returns the fact's value, or undefined when the resident has not told us. */
  readFact: (name: string) => unknown;
  /** Returns a rule parameter's value as of the evaluation date. */
  readParam?: (name: string) => unknown;
};

/**
 * Evaluates a condition with Kleene logic, so a missing fact makes the result unknown instead
 * of silently false, and the missing facts that would settle it are reported.
 */
export function evaluateCondition(condition: Condition, ctx: ConditionContext): ConditionResult {
  if ("all" in condition) return combine(condition.all, false, ctx);
  if ("any" in condition) return combine(condition.any, true, ctx);
  if ("not" in condition) {
    const inner = evaluateCondition(condition.not, ctx);
    return { value: inner.value === undefined ? undefined : !inner.value, missing: inner.missing };
  }
  const actual = ctx.readFact(condition.fact);
  if (condition.op === "known") return { value: actual !== undefined, missing: [] };
  if (condition.op === "unknown") return { value: actual === undefined, missing: [] };
  if (actual === undefined) return { value: undefined, missing: [condition.fact] };
  return { value: compareFact(condition, actual, ctx), missing: [] };
}

/**
 * all (`settles` false) or any (`settles` true): one part with the settling value decides (the
 * parts after it need not be read; reading is pure); else unknown parts make it unknown, with
 * their missing facts once each in order; else the other value.
 */
function combine(parts: readonly Condition[], settles: boolean, ctx: ConditionContext): ConditionResult {
  let missing: string[] | undefined;
  for (const part of parts) {
    const result = evaluateCondition(part, ctx);
    if (result.value === settles) return { value: settles, missing: [] };
    if (result.value === undefined) missing = missing === undefined ? [...result.missing] : missing.concat(result.missing);
  }
  return missing === undefined ? { value: !settles, missing: [] } : { value: undefined, missing: unique(missing) };
}

function compareFact(condition: Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>, actual: unknown, ctx: ConditionContext): boolean {
  switch (condition.op) {
    case "between":
      return typeof actual === "number" && actual >= condition.value[0] && actual <= condition.value[1];
    case "in":
      return condition.value.some((v) => v === actual);
    case "includes":
      return Array.isArray(actual) && actual.includes(condition.value);
    case "includesAny":
      return Array.isArray(actual) && condition.value.some((v) => actual.includes(v));
    case "known":
    case "unknown":
      return false;
    default: {
      const expected = condition.param !== undefined ? ctx.readParam?.(condition.param) : condition.value;
      return compareScalars(condition.op, actual, expected);
    }
  }
}

function compareScalars(op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte", actual: unknown, expected: unknown): boolean {
  if (op === "eq") return actual === expected;
  if (op === "ne") return actual !== expected;
  if (typeof actual !== "number" || typeof expected !== "number") return false;
  if (op === "lt") return actual < expected;
  if (op === "lte") return actual <= expected;
  if (op === "gt") return actual > expected;
  return actual >= expected;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export type { Scalar };
