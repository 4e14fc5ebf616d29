import type { CaseFacts } from "../../flows/schema/case-facts";
import type { Flow, FlowNode } from "../../flows/schema/flow";
import type { RuleSet } from "../../flows/schema/rules";
import type { LabelLookup } from "../nodes/answer";
import type { Lang } from "../types";

/** A flow version's own texts by key, per language, laid over the shipped locales when shown. */
export type FlowWording = Readonly<Record<Lang, ReadonlyMap<string, string>>>;

/**
 * What the engine is given: the flow (indexed once), a pure scorer, and label translations for
 * matching typed option labels. The engine itself has no clock, store or network.
 */
export type EngineContext<E = unknown> = {
  flow: Flow;
  nodes: ReadonlyMap<string, FlowNode>;
  /** Scores the facts; `ranged` names those the resident gave as a range (never to be quoted as a figure). */
  evaluate: (facts: CaseFacts, asOf: string, ranged?: ReadonlySet<string>) => E;
  labels: LabelLookup;
  /** The version's wording over locales/ (empty for the shipped flow): what its conversations read. */
  wording: FlowWording;
  /**
   * The rule set in force, when the engine may skip questions whose answer cannot change the
   * result and give the result first once urgent help is raised (without it, every question is asked).
   */
  rules?: () => RuleSet;
};

const NO_WORDING: FlowWording = { ko: new Map(), en: new Map() };

export function createEngineContext<E>(
  flow: Flow, evaluate: (facts: CaseFacts, asOf: string, ranged?: ReadonlySet<string>) => E, labels: LabelLookup, wording: FlowWording = NO_WORDING, rules?: () => RuleSet,
): EngineContext<E> {
  return { flow, nodes: new Map(flow.nodes.map((node) => [node.id, node])), evaluate, labels, wording, ...(rules !== undefined ? { rules } : {}) };
}

export function nodeOf(ctx: EngineContext<unknown>, id: string): FlowNode {
  const node = ctx.nodes.get(id);
  // The flow loader guarantees every target exists; reaching this is a bug in a loaded flow.
  if (!node) throw new Error(`flow ${ctx.flow.id}@${ctx.flow.version} has no node "${id}"`);
  return node;
}
