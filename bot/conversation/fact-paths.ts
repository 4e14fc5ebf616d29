/**
 * Reading and writing nested values by dotted path ("illegalLending.loans.0.days") without
 * mutating the input. Numeric segments index arrays.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Container = { [key: string]: unknown } | unknown[];

export function readPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of segmentsOf(path)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

/** Paths come from flows and rules (a bounded set), so each is split once; the cache stops growing past a bound. */
function segmentsOf(path: string): readonly string[] {
  let segments = splitPaths.get(path);
  if (segments === undefined) {
    segments = path.split(".");
    if (splitPaths.size < MAX_SPLIT_PATHS) splitPaths.set(path, segments);
  }
  return segments;
}
const MAX_SPLIT_PATHS = 10_000;
const splitPaths = new Map<string, readonly string[]>();

/** Returns a copy of `root` with `value` at `path`; `undefined` removes the leaf. */
export function writePath(root: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (head === undefined) return root;
  const result = writeInto(root, head, rest, value);
  return isRecord(result) ? result : root;
}

function writeInto(container: Container | undefined, head: string, rest: string[], value: unknown): Container {
  const index = /^\d+$/.test(head) ? Number(head) : undefined;
  const copy: Container = Array.isArray(container) ? [...container] : index !== undefined && container === undefined ? [] : { ...(container ?? {}) };
  const existing: unknown = Array.isArray(copy) ? copy[index ?? -1] : copy[head];
  const next = rest.length === 0 ? value : value === undefined ? pruneEmpty(writeInto(asContainer(existing), rest[0] ?? "", rest.slice(1), value)) : writeInto(asContainer(existing), rest[0] ?? "", rest.slice(1), value);
  if (Array.isArray(copy)) {
    if (index === undefined) return copy;
    if (next === undefined) copy.splice(index, 1);
    else copy[index] = next;
  } else if (next === undefined) {
    delete copy[head];
  } else {
    copy[head] = next;
  }
  return copy;
}

/** A nested object or list left empty by a removal is removed too: `{creditScore: {}}` → `{}`. */
function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value : undefined;
  if (isRecord(value)) return Object.keys(value).length ? value : undefined;
  return value;
}

function asContainer(value: unknown): Container | undefined {
  return Array.isArray(value) || isRecord(value) ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
