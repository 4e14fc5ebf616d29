import type { Flow } from "../../flows/schema/flow";
import { isQuestionNode } from "../../flows/schema/flow";
import { readFact } from "../conversation/read-fact";
import type { SessionState } from "../conversation/session-state";
import type { AnswerValue, IntakeAnswer } from "./intake-ports";

/**
 * Every answer of a finished conversation, in the order given: each history snapshot is the
 * state before one answer, so the question's `save` target read in the state after it (the next
 * snapshot, or the final state) is what that answer saved; a money question answered by a tapped
 * range carries the range (the last answer to it: the state keeps one range per question). Questions that save nothing (a choice
 * that only routes) leave no answer; a later "back" has already dropped the undone ones.
 */
export function deriveAnswers(flow: Flow, state: SessionState): IntakeAnswer[] {
  const nodes = new Map(flow.nodes.map((node) => [node.id, node]));
  return state.history.flatMap((snapshot, index) => {
    const node = nodes.get(snapshot.nodeId);
    if (node === undefined || !isQuestionNode(node) || !("save" in node) || node.save === undefined) return [];
    const after = state.history[index + 1] ?? state;
    const value = toAnswerValue(readFact(after, node.save));
    const range = state.history.slice(index + 1).every((later) => later.nodeId !== node.id) ? state.ranges?.[node.id] : undefined;
    return [{ nodeId: node.id, questionKey: node.text, value, source: "self_reported" as const, ...(range !== undefined ? { range } : {}) }];
  });
}

/** Plain JSON as stored; anything else (there is nothing else in facts) becomes null. */
export function toAnswerValue(value: unknown): AnswerValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(toAnswerValue);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toAnswerValue(item)]));
  return null;
}
