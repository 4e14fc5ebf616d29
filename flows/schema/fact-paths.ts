import { z } from "zod";
import { caseFactsSchema } from "./case-facts";

/**
 * Every leaf path of CaseFacts ("householdSize", "illegalLending.loans.N.days"), read from the
 * zod schema itself so the list can never drift from it. "N" stands for an array index.
 */
export const caseFactPaths: readonly string[] = collectPaths(caseFactsSchema, "");

function collectPaths(schema: z.ZodType, prefix: string): string[] {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      const childSchema = child instanceof z.ZodOptional ? child.unwrap() : child;
      if (childSchema instanceof z.ZodArray && childSchema.element instanceof z.ZodObject) {
        return [path, ...collectPaths(childSchema.element, `${path}.N`)];
      }
      return childSchema instanceof z.ZodObject ? [path, ...collectPaths(childSchema, path)] : [path];
    });
  }
  return prefix ? [prefix] : [];
}

/** Whether a concrete path ("illegalLending.loans.0.days") names a CaseFacts field. */
export function isCaseFactPath(path: string): boolean {
  return caseFactPaths.includes(path.replace(/\.\d+(?=\.|$)/g, ".N"));
}
