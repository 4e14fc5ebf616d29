import type { FlowProblem } from "../../flows/check-flow-graph";
import type { FlowContent, FlowEngineDeps } from "./build-flow-engine";
import { buildFlowEngine } from "./build-flow-engine";
import type { SmokeCase } from "./run-smoke-cases";
import { runSmokeCases } from "./run-smoke-cases";

/**
 * The one publish gate: the flow schema and graph checks against locales/ merged with the
 * draft's overrides and the rules' facts (which also require every text key in ko and en), then
 * the smoke cases of flows/cases walked with the real engine. Empty means publishable.
 */
export function checkDraft(draft: FlowContent, deps: FlowEngineDeps, cases: readonly SmokeCase[]): FlowProblem[] {
  const built = buildFlowEngine(draft, 1, deps);
  if (!built.ok) return built.problems;
  return runSmokeCases(built.engine, cases);
}
