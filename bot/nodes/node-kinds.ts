import type { FlowNode, FlowOption } from "../../flows/schema/flow";
import type { InputKind } from "../conversation/engine-turn";
import type { NodeKind, NodeLink, NodeTarget } from "./node-kind";
import { branchKind } from "./kinds/branch-kind";
import { durationKind } from "./kinds/duration-kind";
import { endKind } from "./kinds/end-kind";
import { evaluateKind } from "./kinds/evaluate-kind";
import { freeTextKind } from "./kinds/free-text-kind";
import { messageKind } from "./kinds/message-kind";
import { moneyKind } from "./kinds/money-kind";
import { multiChoiceKind } from "./kinds/multi-choice-kind";
import { numberKind } from "./kinds/number-kind";
import { setFactKind } from "./kinds/set-fact-kind";
import { singleChoiceKind } from "./kinds/single-choice-kind";
import { yesNoKind } from "./kinds/yes-no-kind";

/**
 * Hands a node to its kind, typed: the one place that maps a node's `type` to the module that
 * says what it means.
 */
export function withKind<R>(node: FlowNode, use: <N extends FlowNode>(kind: NodeKind<N>, node: N) => R): R {
  switch (node.type) {
    case "message": return use(messageKind, node);
    case "branch": return use(branchKind, node);
    case "set_fact": return use(setFactKind, node);
    case "evaluate": return use(evaluateKind, node);
    case "end": return use(endKind, node);
    case "single_choice": return use(singleChoiceKind, node);
    case "multi_choice": return use(multiChoiceKind, node);
    case "yes_no": return use(yesNoKind, node);
    case "money": return use(moneyKind, node);
    case "number": return use(numberKind, node);
    case "duration": return use(durationKind, node);
    case "free_text": return use(freeTextKind, node);
  }
}

export const linksOf = (node: FlowNode): NodeLink[] => withKind(node, (kind, n) => kind.links(n));
/** The links that are set: where the node can lead, with the field that says so. */
export const targetsOf = (node: FlowNode): NodeTarget[] => linksOf(node).flatMap(({ field, target }) => (target === undefined ? [] : [[field, target] as NodeTarget]));
export const textKeysOf = (node: FlowNode): Array<[string, string]> => withKind(node, (kind, n) => kind.textKeys(n));
export const savesOf = (node: FlowNode): Array<[string, string]> => withKind(node, (kind, n) => kind.saves(n));
export const inputKindOf = (node: FlowNode): InputKind => withKind(node, (kind) => kind.input);
export const optionsOf = (node: FlowNode): FlowOption[] => withKind(node, (kind, n) => kind.options(n));
/** Every node id a node can lead to, once each, in field order (worked out once per node: loaded nodes never change). */
export const nextIdsOf = (node: FlowNode): string[] => {
  let ids = nextIds.get(node);
  if (ids === undefined) {
    ids = [...new Set(targetsOf(node).map(([, target]) => target))];
    nextIds.set(node, ids);
  }
  return [...ids];
};
const nextIds = new WeakMap<FlowNode, readonly string[]>();
