import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import type { RuleSetProblem } from "../bot/eligibility/check-rule-set";
import { checkRuleSet } from "../bot/eligibility/check-rule-set";
import type { RuleSet } from "./schema/rules";
import { ruleSetSchema } from "./schema/rules";

export type { RuleSetProblem };
export type RuleSetParseResult = { ok: true; ruleSet: RuleSet } | { ok: false; problems: RuleSetProblem[] };

/** The shipped rule set's folder (works from the sources and from dist/). */
export const RULES_DIR = existsSync(path.join(__dirname, "rules", "parameters.yaml"))
  ? path.join(__dirname, "rules")
  : path.resolve(__dirname, "..", "..", "flows", "rules");

const LIST_SECTIONS = ["parameters", "rules", "urgent"] as const;

/** A rule set that cannot be used, with every problem found. */
export class RuleSetError extends Error {
  constructor(readonly problems: RuleSetProblem[], where: string) {
    super(`rule set ${where} is invalid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`);
    this.name = "RuleSetError";
  }
}

/**
 * Parses rule-set data (from YAML or an admin's save) and checks what the schema cannot; never
 * throws on bad data. Problem paths name rules, urgent rules and parameters by id.
 */
export function parseRuleSet(data: unknown): RuleSetParseResult {
  const parsed = ruleSetSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => toProblem(issue, data)) };
  const problems = checkRuleSet(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, ruleSet: parsed.data };
}

/**
 * Reads every *.yaml in `dir` (in name order) as one rule set: `version` from one file, the
 * parameters, rules and urgent lists concatenated. Throws a RuleSetError listing every problem.
 */
export function loadRuleSet(dir: string = RULES_DIR): RuleSet {
  const result = parseRuleSet(readRuleSetDir(dir));
  if (!result.ok) throw new RuleSetError(result.problems, dir);
  return result.ruleSet;
}

function readRuleSetDir(dir: string): Record<string, unknown> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  const merged: Record<string, unknown> = {};
  const lists: Record<(typeof LIST_SECTIONS)[number], unknown[]> = { parameters: [], rules: [], urgent: [] };
  const problems: RuleSetProblem[] = [];
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(path.join(dir, file), "utf8"));
    } catch (error) {
      problems.push({ path: file, message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (!isRecord(doc)) {
      problems.push({ path: file, message: "a rule file must be a mapping" });
      continue;
    }
    for (const [key, value] of Object.entries(doc)) {
      if (isListSection(key)) {
        if (Array.isArray(value)) lists[key].push(...value);
        else problems.push({ path: `${file}: ${key}`, message: "must be a list" });
      } else if (key in merged) {
        problems.push({ path: `${file}: ${key}`, message: "given in more than one file" });
      } else {
        merged[key] = value;
      }
    }
  }
  if (files.length === 0) problems.push({ path: dir, message: "no .yaml files" });
  if (problems.length) throw new RuleSetError(problems, dir);
  return { ...merged, ...lists };
}

/** Names a rule, urgent rule or parameter by its id instead of its index, so an admin can find it. */
function toProblem(issue: z.core.$ZodIssue, data: unknown): RuleSetProblem {
  const [section, index, ...rest] = issue.path.map(String);
  const id = section !== undefined && isListSection(section) && index !== undefined ? idAt(data, section, Number(index)) : undefined;
  const parts = id ? [section, id, ...rest] : issue.path.map(String);
  return { path: parts.join("."), message: issue.message };
}

function idAt(data: unknown, section: string, index: number): string | undefined {
  if (!isRecord(data)) return undefined;
  const list = data[section];
  const item: unknown = Array.isArray(list) ? list[index] : undefined;
  return isRecord(item) && typeof item.id === "string" && item.id.length > 0 ? item.id : undefined;
}

function isListSection(key: string): key is (typeof LIST_SECTIONS)[number] {
  return LIST_SECTIONS.some((section) => section === key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
