import { chatContextOf } from "../../bot/conversation/step-chat";
import type { SmokeRun } from "../../bot/flow-versions/smoke-case";
import { walkSmokeCase } from "../../bot/flow-versions/smoke-case";
import type { FlowProblem } from "../../flows/check-flow-graph";
import type { FiledSmokeCase } from "../../flows/load-smoke-cases";
import type { FlowContent, FlowEngineDeps } from "./build-flow-engine";
import { buildFlowEngine } from "./build-flow-engine";

/**
 * The day smoke cases are walked on (a case may name its own), fixed so a dated parameter
 * cannot make a draft pass one day and fail the next.
 */
export const SMOKE_AS_OF = "2026-12-01T10:00:00+09:00";

/**
 * The one publish gate: the flow schema and graph checks against locales/ merged with the
 * draft's overrides and the rules' facts (which also require every text key in ko and en), then
 * the smoke cases of flows/cases walked through the conversation core. Empty means publishable.
 */
export function checkDraft(draft: FlowContent, deps: FlowEngineDeps, cases: readonly FiledSmokeCase[]): FlowProblem[] {
  const built = buildFlowEngine(draft, 1, deps);
  if (!built.ok) return built.problems;
  const ctx = chatContextOf(built.engine, deps.rules(), false);
  return cases.flatMap((smoke) => toProblems(smoke, walkSmokeCase(ctx, smoke, SMOKE_AS_OF)));
}

function toProblems(smoke: FiledSmokeCase, run: SmokeRun): FlowProblem[] {
  return run.problems.map((message) => ({ path: `cases/${smoke.file}#${smoke.name}`, field: "case", message }));
}
