import type { Flow } from "../../flows/schema/flow";
import { nextIdsOf, savesOf } from "../nodes/node-kinds";

/** Past every end node: the one exit all paths share. */
const EXIT = "\u0000exit";

/**
 * The shape of a flow that does not depend on any answer: for each node, the first node every
 * path from it passes (its immediate post-dominator, `after`), and what lies only on some of its
 * paths before that point (its `region`: the facts written there, and whether an end is among
 * them). A question skipped or deferred continues at `after`, passing its whole region.
 */
export type FlowGraph = {
  /** The first node every path from `id` passes; undefined when the paths only meet at the end. */
  after: (id: string) => string | undefined;
  /** The facts (and vars.*) written on nodes only some paths from `id` take, and whether one of them ends the conversation. */
  region: (id: string) => { saves: ReadonlyArray<{ nodeId: string; path: string }>; endsThere: boolean };
};

const graphs = new WeakMap<Flow, FlowGraph>();

/** The flow's graph, worked out once per flow (flows are immutable once loaded). */
export function flowGraphOf(flow: Flow): FlowGraph {
  const cached = graphs.get(flow);
  if (cached) return cached;
  const graph = buildGraph(flow);
  graphs.set(flow, graph);
  return graph;
}

function buildGraph(flow: Flow): FlowGraph {
  const byId = new Map(flow.nodes.map((node) => [node.id, node]));
  const successors = new Map(flow.nodes.map((node) => {
    const next = nextIdsOf(node).filter((id) => byId.has(id));
    return [node.id, node.type === "end" ? [EXIT] : next];
  }));
  const postDominators = computePostDominators([...byId.keys()], successors);
  const afterOf = new Map<string, string | undefined>();
  for (const id of byId.keys()) afterOf.set(id, immediate(id, postDominators));
  const regions = new Map<string, ReturnType<FlowGraph["region"]>>();
  const regionOf = (id: string) => {
    const known = regions.get(id);
    if (known) return known;
    const stop = afterOf.get(id);
    const seen = new Set<string>();
    const queue = [...(successors.get(id) ?? [])];
    const saves: Array<{ nodeId: string; path: string }> = [];
    let endsThere = false;
    while (queue.length > 0) {
      const next = queue.shift();
      if (next === undefined || next === stop || seen.has(next)) continue;
      seen.add(next);
      if (next === EXIT) {
        endsThere = true;
        continue;
      }
      const node = byId.get(next);
      if (node === undefined) continue;
      if (node.type === "end" || node.type === "evaluate") endsThere = true;
      for (const [, path] of savesOf(node)) saves.push({ nodeId: node.id, path });
      queue.push(...(successors.get(next) ?? []));
    }
    const region = { saves, endsThere };
    regions.set(id, region);
    return region;
  };
  return { after: (id) => afterOf.get(id), region: regionOf };
}

/** Post-dominator sets by the classic fixpoint over the reversed graph, with one exit. */
function computePostDominators(ids: readonly string[], successors: ReadonlyMap<string, readonly string[]>): Map<string, Set<string>> {
  const all = new Set([...ids, EXIT]);
  const sets = new Map<string, Set<string>>(ids.map((id) => [id, new Set(all)]));
  sets.set(EXIT, new Set([EXIT]));
  for (let changed = true; changed;) {
    changed = false;
    for (const id of ids) {
      const next = successors.get(id) ?? [];
      let meet: Set<string> | undefined;
      for (const s of next) {
        const of = sets.get(s) ?? new Set<string>();
        meet = meet === undefined ? new Set(of) : new Set([...meet].filter((x) => of.has(x)));
      }
      const updated = new Set([id, ...(meet ?? [])]);
      const before = sets.get(id);
      if (before === undefined || before.size !== updated.size) {
        sets.set(id, updated);
        changed = true;
      }
    }
  }
  return sets;
}

/** The strict post-dominator of `id` that every other one post-dominates: the nearest. */
function immediate(id: string, sets: ReadonlyMap<string, Set<string>>): string | undefined {
  const strict = [...(sets.get(id) ?? [])].filter((d) => d !== id);
  const nearest = strict.find((candidate) => strict.every((other) => other === candidate || (sets.get(candidate)?.has(other) ?? false)));
  return nearest === EXIT ? undefined : nearest;
}
