import { evaluateCondition } from "../conditions/evaluate-condition";
import type { FlowNode, QuestionNode } from "../../flows/schema/flow";
import { isReadByRules } from "../eligibility/relevance";
import { isQuestionNode } from "../../flows/schema/flow";
import type { EngineContext } from "./engine-context";
import { nodeOf } from "./engine-context";
import { nextIdsOf } from "../nodes/node-kinds";
import { readFact } from "./read-fact";
import type { SessionState } from "./session-state";

/**
 * About how many questions are still ahead from `nodeId`: what is answered or known is passed
 * the way it went, questions left for after the first result and questions the rules never read
 * count nothing, and undecided ways count as the average of their paths (the longest path
 * through every optional section would show a count people will never meet).
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
    const routed = isQuestionNode(node) && node.skipWhenKnown ? state.routes?.[id] : undefined;
    const own = isQuestionNode(node) && routed === undefined && !isAlreadyKnown(node, state) && isAhead(ctx, node, state) ? 1 : 0;
    const ways = (routed !== undefined ? [routed] : successors(node, readFactOf)).map(visit);
    // A resident's way that ends at once (declining consent) is not the one to count on.
    const counted = node.type === "branch" ? ways : ways.filter((n) => n > 0);
    const rest = counted.length === 0 ? 0 : counted.reduce((a, b) => a + b, 0) / counted.length;
    visiting.delete(id);
    memo.set(id, own + rest);
    return own + rest;
  };
  return Math.round(visit(nodeId));
}

/** Not left for after the first result, and read by the rules (a question they never read is skipped). */
function isAhead(ctx: EngineContext<unknown>, node: QuestionNode, state: SessionState): boolean {
  if (state.refining !== true && (node.detail || state.urgentFirst === true)) return false;
  const rules = ctx.rules?.();
  return rules === undefined || node.save === undefined || node.save.startsWith("vars.") || isReadByRules(rules, node.save);
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
