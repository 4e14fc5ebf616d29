import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { SmokeCase } from "../bot/flow-versions/smoke-case";
import { smokeCaseListSchema } from "../bot/flow-versions/smoke-case";
import { FLOWS_DIR } from "./load-flows";

/** Residents' walks through the flow, run against every draft before it can be published. */
export const SMOKE_CASES_DIR = path.join(FLOWS_DIR, "cases");

export type FiledSmokeCase = SmokeCase & { file: string };

/**
 * Reads every *.cases.yaml in `dir`, in name order. Throws naming the file when one does not
 * parse or a case name is used twice (a case is named by its file and name in gate problems).
 */
export function loadSmokeCases(dir: string = SMOKE_CASES_DIR): FiledSmokeCase[] {
  if (!existsSync(dir)) return [];
  const cases = readdirSync(dir).filter((f) => f.endsWith(".cases.yaml")).sort().flatMap((file) => {
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path.join(dir, file), "utf8"));
    } catch (error) {
      throw new Error(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = smokeCaseListSchema.safeParse(data);
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    return parsed.data.cases.map((c) => ({ ...c, file }));
  });
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.name)) throw new Error(`${c.file}: the case name "${c.name}" is used twice`);
    seen.add(c.name);
  }
  return cases;
}
