import type { Parameter, ParameterValue } from "../../flows/schema/rules";

/** Reads a rule parameter's value as of a fixed date; undefined when it has no value then. */
export type ParamReader = (id: string) => ParameterValue | undefined;

/** The value in force on `date` (YYYY-MM-DD): the last one whose effectiveFrom is not later. */
export function paramAsOf(parameter: Parameter, date: string): ParameterValue | undefined {
  let found: ParameterValue | undefined;
  for (const entry of parameter.values) {
    if (entry.effectiveFrom <= date) found = entry.value;
  }
  return found;
}

/**
 * A reader over every parameter of a rule set, fixed to one date. Parameter lists are immutable
 * once loaded, so the reader (and the values it has looked up) is kept per list for the last
 * few dates: scoring many variants of a case on one date reads each value once.
 */
export function paramReaderAsOf(parameters: readonly Parameter[], date: string): ParamReader {
  let readers = readersByList.get(parameters);
  if (readers === undefined) {
    readers = new Map();
    readersByList.set(parameters, readers);
  }
  const known = readers.get(date);
  if (known !== undefined) return known;
  const reader = newParamReader(parameters, date);
  if (readers.size >= KEPT_DATES) {
    const oldest = readers.keys().next();
    if (oldest.done !== true) readers.delete(oldest.value);
  }
  readers.set(date, reader);
  return reader;
}

/** Dates kept per parameter list (today, the dates of stored results being shown again). */
const KEPT_DATES = 8;
const readersByList = new WeakMap<readonly Parameter[], Map<string, ParamReader>>();

function newParamReader(parameters: readonly Parameter[], date: string): ParamReader {
  const index = new Map(parameters.map((p) => [p.id, p]));
  const values = new Map<string, ParameterValue | null>();
  return (id) => {
    const known = values.get(id);
    if (known !== undefined) return known ?? undefined;
    const parameter = index.get(id);
    const value = parameter ? paramAsOf(parameter, date) : undefined;
    values.set(id, value ?? null);
    return value;
  };
}

export function numberParam(read: ParamReader, id: string): number | undefined {
  const value = read(id);
  return typeof value === "number" ? value : undefined;
}

export function stringParam(read: ParamReader, id: string): string | undefined {
  const value = read(id);
  return typeof value === "string" ? value : undefined;
}

export function tableParam(read: ParamReader, id: string): Record<string, number> | undefined {
  const value = read(id);
  return typeof value === "object" ? value : undefined;
}
