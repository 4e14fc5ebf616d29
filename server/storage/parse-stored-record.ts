import type { z } from "zod";

/** Called when a stored record does not parse: what to report, never the record itself. */
export type CorruptRecordReporter = (where: { store: string; key: string; issues: number }) => void;

/**
 * Parses a record's JSON text read back from a store with `schema`. A record that is not JSON or
 * does not fit the schema is reported (store, key and the number of problems only) and read as
 * absent: a fresh start, never a crash.
 */
export function parseStoredRecord<T>(schema: z.ZodType<T>, text: string, where: { store: string; key: string }, report: CorruptRecordReporter): T | undefined {
  return parseStoredValue(schema, readJson(text), where, report);
}

/** Opens a sealed record with `open` and parses it; one that does not open (another key, damaged) is reported and read as absent. */
export function parseSealedRecord<T>(schema: z.ZodType<T>, sealed: string, open: (sealed: string) => string, where: { store: string; key: string }, report: CorruptRecordReporter): T | undefined {
  let text: string;
  try {
    text = open(sealed);
  } catch {
    report({ ...where, issues: 1 });
    return undefined;
  }
  return parseStoredRecord(schema, text, where, report);
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

/** A JSON column's value; text that is not JSON reads as a symbol, which every object, array, record or primitive schema refuses. */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

const NOT_JSON = Symbol("not JSON");
