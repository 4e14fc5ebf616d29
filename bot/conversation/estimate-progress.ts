import { evaluateCondition } from "../conditions/evaluate-condition";
import type { FlowNode } from "../../flows/schema/flow";
import { isQuestionNode } from "../../flows/schema/flow";
import type { EngineContext } from "./engine-context";
import { nodeOf } from "./engine-context";
import { readFact } from "./read-fact";
import type { SessionState } from "./session-state";

/**
 * How many questions may still be asked from `nodeId` on, following branches the known facts
 * already decide and taking the longest of the undecided ones, so the count never runs short.
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
    const rest = Math.max(0, ...successors(node, readFactOf).map(visit));
    visiting.delete(id);
    memo.set(id, own + rest);
    return own + rest;
  };
  return visit(nodeId);
}

function isAlreadyKnown(node: FlowNode, state: SessionState): boolean {
  return isQuestionNode(node) && node.skipWhenKnown && "save" in node && node.save !== undefined && readFact(state, node.save) !== undefined;
}

function successors(node: FlowNode, readFactOf: (name: string) => unknown): string[] {
  switch (node.type) {
    case "end":
      return [];
    case "branch": {
      const open: string[] = [];
      for (const c of node.cases) {
        const result = evaluateCondition(c.when, { readFact: readFactOf });
        if (result.value === true) return [...open, c.next];
        if (result.value === undefined) open.push(c.next);
      }
      return [...open, node.otherwise];
    }
    case "single_choice":
      return [...node.options.map((o) => o.next ?? node.next ?? ""), node.next ?? ""].filter((id) => id !== "");
    case "yes_no":
      return [node.onYes, node.onNo, node.next].filter((id): id is string => id !== undefined);
    default:
      return [node.next];
  }
}
