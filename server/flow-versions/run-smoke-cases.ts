import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { EngineContext } from "../../bot/conversation/engine-context";
import { continueConversation, startConversation } from "../../bot/conversation/run-conversation";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import type { FlowProblem } from "../../flows/check-flow-graph";
import { FLOWS_DIR } from "../../flows/load-flows";

const inputSchema = z.strictObject({ text: z.string().optional(), optionId: z.string().optional() });

/** A walk through a flow as data: answers by node id (others take "continue"/"no"/"none" or the first option). */
export const smokeCaseSchema = z.strictObject({
  name: z.string().min(1),
  lang: z.enum(["ko", "en"]).default("ko"),
  answers: z.record(z.string(), inputSchema),
  expect: z.strictObject({ end: z.string().optional(), services: z.array(z.string()) }),
});
export type SmokeCase = z.infer<typeof smokeCaseSchema> & { file: string };

export const CASES_DIR = path.join(FLOWS_DIR, "cases");
const MAX_TURNS = 80;
const AS_OF = "2026-01-15T10:00:00+09:00";

/** Reads every flows/cases/*.cases.yaml; a broken case file stops the process at start-up. */
export function loadSmokeCases(dir: string = CASES_DIR): SmokeCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".cases.yaml")).sort().flatMap((file) => {
    const doc = z.strictObject({ cases: z.array(smokeCaseSchema).min(1) }).parse(parseYaml(readFileSync(path.join(dir, file), "utf8")));
    return doc.cases.map((c) => ({ ...c, file }));
  });
}

/** Walks each case through the engine; every case that does not end as expected is a problem. */
export function runSmokeCases(engine: EngineContext<EvaluationCore>, cases: readonly SmokeCase[]): FlowProblem[] {
  return cases.flatMap((c) => runOne(engine, c));
}

function runOne(engine: EngineContext<EvaluationCore>, smoke: SmokeCase): FlowProblem[] {
  const where = `cases/${smoke.file}#${smoke.name}`;
  const fail = (node: string, message: string): FlowProblem[] => [{ path: where, node, field: "case", message }];
  let step = startConversation(engine, smoke.lang, AS_OF);
  for (let i = 0; i < MAX_TURNS && !step.turn.done; i++) {
    const turn = step.turn;
    const ids = turn.options.map((o) => o.id);
    const input = smoke.answers[turn.nodeId] ?? (ids.length ? { optionId: ["continue", "no", "none"].find((id) => ids.includes(id)) ?? ids[0] } : undefined);
    if (input === undefined) return fail(turn.nodeId, `the case gives no answer for "${turn.nodeId}"`);
    const next = continueConversation(engine, step.state, input, AS_OF);
    if (next.state.nodeId === step.state.nodeId && next.state.answered === step.state.answered) return fail(turn.nodeId, `the answer for "${turn.nodeId}" was not accepted`);
    step = next;
  }
  if (!step.turn.done) return fail(step.turn.nodeId, `did not reach an end node within ${MAX_TURNS} turns`);
  if (smoke.expect.end !== undefined && step.turn.nodeId !== smoke.expect.end) return fail(step.turn.nodeId, `ended at "${step.turn.nodeId}", expected "${smoke.expect.end}"`);
  const got: string[] = step.turn.evaluation?.recommendations.map((r) => r.service) ?? [];
  const missing = smoke.expect.services.filter((s) => !got.includes(s));
  return missing.length ? fail(step.turn.nodeId, `expected services ${missing.join(", ")} missing; got ${got.join(", ") || "none"}`) : [];
}
