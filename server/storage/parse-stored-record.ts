import type { z } from "zod";

/** Called when a stored record does not parse: what to report, never the record itself. */
export type CorruptRecordReporter = (where: { store: string; key: string; issues: number }) => void;

/**
 * Parses a stored JSON text with `schema`. A record that is not JSON or does not fit the schema is
 * reported (store, key and the number of problems only) and read as absent: a fresh start, never a crash.
 */
export function parseStoredRecord<T>(schema: z.ZodType<T>, text: string, where: { store: string; key: string }, report: CorruptRecordReporter): T | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    report({ ...where, issues: 1 });
    return undefined;
  }
  return parseStoredValue(schema, data, where, report);
}

/** Parses a record read back from its columns with `schema`; one that does not fit is reported and read as absent. */
export function parseStoredValue<T>(schema: z.ZodType<T>, data: unknown, where: { store: string; key: string }, report: CorruptRecordReporter): T | undefined {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    report({ ...where, issues: parsed.error.issues.length });
    return undefined;
  }
  return parsed.data;
}
