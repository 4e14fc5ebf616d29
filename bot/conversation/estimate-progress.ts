import { evaluateCondition } from "../conditions/evaluate-condition";
import type { FlowNode } from "../../flows/schema/flow";
import { isQuestionNode } from "../../flows/schema/flow";
import type { EngineContext } from "./engine-context";
import { nodeOf } from "./engine-context";
import { nextIdsOf } from "../nodes/node-kinds";
import { readFact } from "./read-fact";
import type { SessionState } from "./session-state";

/**
 * About how many questions are still ahead from `nodeId`: branches the known facts already
 * decide are followed; undecided ones count as the average of their paths, since the longest
 * path through every optional section would show a count people will never meet.
 */
export function estimateRemainingQuestions(ctx: EngineContext<unknown>, state: SessionState, nodeId: string): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const readFactOf = (name: string) => readFact(state, name);

  const visit = (id: string): number => {
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const node = nodeOf(ctx, id);
    const own = isQuestionNode(node) && !isAlreadyKnown(node, state) ? 1 : 0;
    const next = successors(node, readFactOf).map(visit);
    // A resident's own choice may lead anywhere: count the longer way. A branch that facts will
    // settle later counts as the average of its ways.
    const rest = next.length === 0 ? 0 : node.type === "branch" ? next.reduce((a, b) => a + b, 0) / next.length : Math.max(...next);
    visiting.delete(id);
    memo.set(id, own + rest);
    return own + rest;
  };
  return Math.round(visit(nodeId));
}

function isAlreadyKnown(node: FlowNode, state: SessionState): boolean {
  if (!isQuestionNode(node) || !node.skipWhenKnown) return false;
  if (state.unknown?.includes(node.id) === true) return true;
  return "save" in node && node.save !== undefined && readFact(state, node.save) !== undefined;
}

function successors(node: FlowNode, readFactOf: (name: string) => unknown): string[] {
  if (node.type !== "branch") return nextIdsOf(node);
  const open: string[] = [];
  for (const c of node.cases) {
    const result = evaluateCondition(c.when, { readFact: readFactOf });
    if (result.value === true) return [...open, c.next];
    if (result.value === undefined) open.push(c.next);
  }
  return [...open, node.otherwise];
}
