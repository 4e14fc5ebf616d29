import type { Flow, FlowNode } from "../../flows/schema/flow";
import { isQuestionNode } from "../../flows/schema/flow";

/** `type` is null when the version's flow is not available (the node is known only by its counters). */
export type FlowNodeCounts = { id: string; type: FlowNode["type"] | null; reached: number; left: number };
export type FlowReport = {
  started: number; finished: number; booked: number; attended: number;
  /** Question and end nodes in flow order (the only nodes a conversation rests at). */
  nodes: FlowNodeCounts[];
  /** Most recommended first. */
  services: { service: string; recommended: number }[];
};

/**
 * The counters of one flow version laid over that version's flow. `left` is reached − answered
 * for a question: conversations that left there or are still in progress (0 at an end node).
 * Without the flow (a stored version that no longer builds), the nodes are only those the
 * counters name, most reached first, with no type; never another version's nodes.
 */
export function computeFlowReport(flow: Flow | undefined, counts: Readonly<Record<string, number>>): FlowReport {
  const count = (event: string) => counts[event] ?? 0;
  const nodes = flow === undefined ? countedNodes(counts) : flow.nodes.filter((node) => isQuestionNode(node) || node.type === "end").map((node) => {
    const reached = count(`reached:${node.id}`);
    return { id: node.id, type: node.type, reached, left: node.type === "end" ? 0 : Math.max(0, reached - count(`answered:${node.id}`)) };
  });
  const services = Object.entries(counts).flatMap(([event, n]) => (event.startsWith("recommended:") ? [{ service: event.slice("recommended:".length), recommended: n }] : []))
    .sort((a, b) => b.recommended - a.recommended || a.service.localeCompare(b.service));
  return { started: count("started"), finished: count("finished"), booked: count("booked"), attended: count("attended"), nodes, services };
}

function countedNodes(counts: Readonly<Record<string, number>>): FlowNodeCounts[] {
  const ids = new Set(Object.keys(counts).flatMap((event) => {
    const match = /^(?:reached|answered):(.+)$/.exec(event);
    return match?.[1] === undefined ? [] : [match[1]];
  }));
  return [...ids].map((id) => {
    const reached = counts[`reached:${id}`] ?? 0;
    return { id, type: null, reached, left: Math.max(0, reached - (counts[`answered:${id}`] ?? 0)) };
  }).sort((a, b) => b.reached - a.reached || a.id.localeCompare(b.id));
}
