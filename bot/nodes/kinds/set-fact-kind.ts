import type { FlowNode } from "../../../flows/schema/flow";
import type { NodeKind } from "../node-kind";
import { link, noOptions, noTexts } from "../node-kind";

type SetFactNode = Extract<FlowNode, { type: "set_fact" }>;

/** Writes facts the path implies (no debt: total 0 …): no input. */
export const setFactKind: NodeKind<SetFactNode> = {
  type: "set_fact", input: "none",
  links: (node) => [link("next", node.next, true)],
  textKeys: noTexts,
  saves: (node) => node.set.map((s, i): [string, string] => [`set.${i}.target`, s.target]),
  options: noOptions,
};
