import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { RuleCaseFile } from "../bot/eligibility/rule-cases";
import { ruleCaseListSchema } from "../bot/eligibility/rule-cases";
import { RULES_DIR } from "./load-rules";

/** The shipped rule cases (facts in, expected services out), beside the rule set; loadRuleSet skips the folder. */
export const RULE_CASES_DIR = path.join(RULES_DIR, "cases");

/**
 * Reads every *.cases.yaml in `dir`, in name order. Throws naming the file when one does not
 * parse or a case name is used twice (a case is named by its file and name in gate problems).
 */
export function loadRuleCases(dir: string = RULE_CASES_DIR): RuleCaseFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cases.yaml")).sort();
  const loaded = files.map((file): RuleCaseFile => {
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path.join(dir, file), "utf8"));
    } catch (error) {
      throw new Error(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = ruleCaseListSchema.safeParse(data);
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    return { file, cases: parsed.data };
  });
  const seen = new Set<string>();
  for (const { file, cases } of loaded) {
    for (const { name } of cases) {
      if (seen.has(name)) throw new Error(`${file}: the case name "${name}" is used twice`);
      seen.add(name);
    }
  }
  if (loaded.length === 0) throw new Error(`${dir}: no .cases.yaml files`);
  return loaded;
}
