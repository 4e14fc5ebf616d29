import { readFileSync } from "node:fs";
import path from "node:path";

/** The shipped default flow's YAML, which tests edit into drafts. */
export const SHIPPED_YAML = readFileSync(path.join(__dirname, "..", "..", "flows", "default.flow.yaml"), "utf8");

/** The shipped YAML with `from` replaced by `to`; throws when `from` is not there, so a test never edits nothing. */
export function editedFlow(from: string, to: string): string {
  if (!SHIPPED_YAML.includes(from)) throw new Error(`the shipped flow has no "${from}"`);
  return SHIPPED_YAML.replace(from, to);
}

/** The key whose Korean wording tests override: the safety question, asked right after consent. */
export const SAFETY_OVERRIDE = { ko: { flow: { safety: { question: "새 문구: 지금 안전하신가요?" } } } };
