import { parse as parseYaml, stringify as toYaml } from "yaml";
import type { DiffLine } from "./compute-line-diff";
import { computeLineDiff } from "./compute-line-diff";

/** The flow as the editor writes YAML: a form save, and both sides of the diff, use this one form. */
export function writeFlowYaml(flow: unknown): string {
  return toYaml(flow);
}

/**
 * The line diff of two flow YAMLs, each first read and written again in the one form the form
 * save writes: comments, flow-style lists and quoting do not show as changes, only data does.
 * When either side does not read (or write) as YAML, the literal texts are compared and
 * `normalized` is false.
 */
export function computeYamlDiff(before: string, after: string): { normalized: boolean; lines: DiffLine[] } {
  const a = toNormalForm(before);
  const b = toNormalForm(after);
  if (a === undefined || b === undefined) return { normalized: false, lines: computeLineDiff(before, after) };
  return { normalized: true, lines: computeLineDiff(a, b) };
}

function toNormalForm(text: string): string | undefined {
  if (text === "") return "";
  try {
    return writeFlowYaml(parseYaml(text));
  } catch {
    return undefined; // not YAML (or too deep to write): the caller compares the literal texts
  }
}
