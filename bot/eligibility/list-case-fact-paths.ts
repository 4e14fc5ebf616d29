import { z } from "zod";
import { caseFactsSchema } from "../../flows/schema/case-facts";

/** Every CaseFacts path, nested objects and their fields alike ("smallBusiness", "smallBusiness.closed"). */
export function listCaseFactPaths(): string[] {
  return pathsOf(caseFactsSchema, "");
}

function pathsOf(schema: unknown, prefix: string): string[] {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...pathsOf(child, path)];
  });
}
