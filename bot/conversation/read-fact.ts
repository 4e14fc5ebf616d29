import type { SessionState } from "./session-state";
import { readPath } from "./fact-paths";

/** Reads a fact path ("householdSize") or a session variable ("vars.consent") from a state. */
export function readFact(state: Pick<SessionState, "facts" | "vars">, path: string): unknown {
  if (path.startsWith("vars.")) return state.vars[path.slice("vars.".length)];
  return readPath(state.facts, path);
}
