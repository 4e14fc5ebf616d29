import { z } from "zod";

/**
 * A condition over facts, shared by flow branches and eligibility rules. Facts are named by
 * path ("illegalLending.threats") or by a derived fact name ("incomePctOfMedian"). A comparison
 * takes either a literal `value` or a `param` (a dated rule parameter looked up as of a date).
 */
export type Scalar = string | number | boolean;
export type Condition =
  | { fact: string; op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte"; value?: Scalar; param?: string }
  | { fact: string; op: "between"; value: [number, number] }
  | { fact: string; op: "in"; value: Scalar[] }
  | { fact: string; op: "includes"; value: string }
  | { fact: string; op: "includesAny"; value: string[] }
  | { fact: string; op: "known" | "unknown" }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const factName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/, "a fact path such as illegalLending.threats");

const compare = z.strictObject({
  fact: factName,
  op: z.enum(["eq", "ne", "lt", "lte", "gt", "gte"]),
  value: scalar.optional(),
  param: z.string().min(1).optional(),
}).refine((c) => (c.value === undefined) !== (c.param === undefined), "give exactly one of value or param");

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    compare,
    z.strictObject({ fact: factName, op: z.literal("between"), value: z.tuple([z.number(), z.number()]) }),
    z.strictObject({ fact: factName, op: z.literal("in"), value: z.array(scalar).min(1) }),
    z.strictObject({ fact: factName, op: z.literal("includes"), value: z.string() }),
    z.strictObject({ fact: factName, op: z.literal("includesAny"), value: z.array(z.string()).min(1) }),
    z.strictObject({ fact: factName, op: z.enum(["known", "unknown"]) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

/** Every fact name a condition reads, for graph checks and "missing" lists. */
export function listConditionFacts(condition: Condition): string[] {
  if ("all" in condition) return condition.all.flatMap(listConditionFacts);
  if ("any" in condition) return condition.any.flatMap(listConditionFacts);
  if ("not" in condition) return listConditionFacts(condition.not);
  return [condition.fact];
}
