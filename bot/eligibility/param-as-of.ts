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

/** A reader over every parameter of a rule set, fixed to one date. */
export function paramReaderAsOf(parameters: readonly Parameter[], date: string): ParamReader {
  let byId = indexes.get(parameters);
  if (!byId) {
    byId = new Map(parameters.map((p) => [p.id, p]));
    indexes.set(parameters, byId);
  }
  const index = byId;
  const values = new Map<string, ParameterValue | undefined>();
  return (id) => {
    if (values.has(id)) return values.get(id);
    const parameter = index.get(id);
    const value = parameter ? paramAsOf(parameter, date) : undefined;
    values.set(id, value);
    return value;
  };
}

/** Parameter lists are immutable once loaded: index each once. */
const indexes = new WeakMap<readonly Parameter[], Map<string, Parameter>>();

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
