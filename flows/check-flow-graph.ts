import type { Flow, FlowNode } from "./schema/flow";
import { isQuestionNode } from "./schema/flow";
import { listConditionFacts } from "./schema/condition";
import { isCaseFactPath } from "./schema/fact-paths";
import { savesOf, targetsOf, textKeysOf } from "../bot/nodes/node-kinds";

export type FlowProblem = { path: string; node?: string; field?: string; message: string };
export type LocaleResources = Record<string, unknown>;

export type GraphCheckOptions = {
  /** Translations per language; every key the flow uses must exist in each. */
  locales: Record<string, LocaleResources>;
  /** CaseFacts paths the scoring rules read; each must be asked on some path of the flow. */
  ruleFacts?: readonly string[];
};

/**
 * Checks what a schema cannot: every target exists, every node is reachable and can reach an
 * end, no loop can spin without input, every text key exists in every language, every saved
 * path is a CaseFacts field, and every fact the rules read is asked somewhere.
 */
export function checkFlowGraph(flow: Flow, options: GraphCheckOptions): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const byId = new Map<string, FlowNode>();
  for (const node of flow.nodes) {
    if (byId.has(node.id)) problems.push(at(node.id, "id", `duplicate node id "${node.id}"`));
    byId.set(node.id, node);
  }
  if (!byId.has(flow.start)) problems.push({ path: "start", field: "start", message: `start node "${flow.start}" does not exist` });

  for (const node of flow.nodes) {
    for (const [field, target] of targetsOf(node)) {
      if (!byId.has(target)) problems.push(at(node.id, field, `target "${target}" does not exist`));
    }
    problems.push(...checkNodeShape(node));
    for (const [field, key] of textKeysOf(node)) problems.push(...checkKey(node.id, field, key, options.locales));
    for (const [field, path] of savesOf(node)) {
      if (!path.startsWith("vars.") && !isCaseFactPath(path)) problems.push(at(node.id, field, `"${path}" is not a CaseFacts field`));
    }
    if (node.type === "branch") {
      node.cases.forEach((c, i) => {
        for (const fact of listConditionFacts(c.when)) {
          if (!fact.startsWith("vars.") && !isCaseFactPath(fact)) problems.push(at(node.id, `cases.${i}.when`, `"${fact}" is not a CaseFacts field`));
        }
      });
    }
  }
  if (problems.some((p) => p.message.includes("does not exist"))) return problems;

  const reachable = reachableFrom(flow.start, byId);
  for (const node of flow.nodes) {
    if (!reachable.has(node.id)) problems.push(at(node.id, "id", `node "${node.id}" cannot be reached from "${flow.start}"`));
  }
  const canEnd = nodesThatReachAnEnd(byId);
  for (const id of reachable) {
    if (!canEnd.has(id)) problems.push(at(id, "next", `no path from "${id}" reaches an end node`));
  }
  for (const cycle of loopsWithoutInput(byId)) {
    problems.push(at(cycle[0] ?? "", "next", `loop without input: ${cycle.join(" → ")}`));
  }
  if (options.ruleFacts) {
    const asked = flow.nodes.flatMap((n) => savesOf(n).map(([, p]) => p.replace(/\.\d+(?=\.|$)/g, ".N")));
    for (const fact of options.ruleFacts) {
      const normalized = fact.replace(/\.\d+(?=\.|$)/g, ".N");
      const isAsked = asked.some((p) => p === normalized || p.startsWith(`${normalized}.`) || normalized.startsWith(`${p}.`));
      if (!isAsked) problems.push({ path: "nodes", field: "save", message: `the rules read "${fact}" but no node asks it` });
    }
  }
  return problems;
}

function at(node: string, field: string, message: string): FlowProblem {
  return { path: `nodes.${node}.${field}`, node, field, message };
}


function checkNodeShape(node: FlowNode): FlowProblem[] {
  if (node.type === "single_choice" && node.next === undefined) {
    return node.options.flatMap((o, i) => (o.next ? [] : [at(node.id, `options.${i}.next`, `option "${o.id}" has no next and the node has none`)]));
  }
  if (node.type === "yes_no" && node.next === undefined && (!node.onYes || !node.onNo)) {
    return [at(node.id, "next", "a yes/no node needs next, or both onYes and onNo")];
  }
  if (node.type === "multi_choice" && node.options.some((o) => o.next !== undefined)) {
    return node.options.flatMap((o, i) => (o.next ? [at(node.id, `options.${i}.next`, "options of a multiple choice cannot lead elsewhere; use the node's next")] : []));
  }
  if (node.type === "multi_choice" && node.exclusiveOption !== undefined && !node.options.some((o) => o.id === node.exclusiveOption)) {
    return [at(node.id, "exclusiveOption", `"${node.exclusiveOption}" is not one of its options`)];
  }
  if (node.type === "number" && node.min > node.max) return [at(node.id, "min", "min is above max")];
  return [];
}



function checkKey(nodeId: string, field: string, key: string, locales: Record<string, LocaleResources>): FlowProblem[] {
  return Object.entries(locales).flatMap(([lang, resources]) => (hasKey(resources, key) ? [] : [at(nodeId, field, `text key "${key}" is missing in ${lang}`)]));
}

export function hasKey(resources: unknown, key: string): boolean {
  let current: unknown = resources;
  for (const part of key.split(".")) {
    if (!isRecord(current)) return false;
    current = current[part];
  }
  return typeof current === "string" && current.length > 0;
}

function reachableFrom(start: string, byId: Map<string, FlowNode>): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    const node = byId.get(id);
    if (!node) continue;
    seen.add(id);
    for (const [, target] of targetsOf(node)) stack.push(target);
  }
  return seen;
}

function nodesThatReachAnEnd(byId: Map<string, FlowNode>): Set<string> {
  const good = new Set([...byId.values()].filter((n) => n.type === "end").map((n) => n.id));
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of byId.values()) {
      if (!good.has(node.id) && targetsOf(node).some(([, t]) => good.has(t))) {
        good.add(node.id);
        changed = true;
      }
    }
  }
  return good;
}

/** Cycles made only of nodes that can pass without input (non-questions, skippable questions). */
function loopsWithoutInput(byId: Map<string, FlowNode>): string[][] {
  const passable = (n: FlowNode) => !isQuestionNode(n) || n.skipWhenKnown;
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (id: string): void => {
    const node = byId.get(id);
    if (!node || !passable(node) || state.get(id) === "done") return;
    if (state.get(id) === "open") {
      cycles.push([...path.slice(path.indexOf(id)), id]);
      return;
    }
    state.set(id, "open");
    path.push(id);
    for (const [, target] of targetsOf(node)) visit(target);
    path.pop();
    state.set(id, "done");
  };
  for (const id of byId.keys()) visit(id);
  return cycles;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
