import type { FlowNode } from "../../../flows/schema/flow";
import type { NodeKind } from "../node-kind";
import { link, noOptions, noSaves, noTexts } from "../node-kind";

type EvaluateNode = Extract<FlowNode, { type: "evaluate" }>;

/** Fixes the date whose rules the result applies: no input. */
export const evaluateKind: NodeKind<EvaluateNode> = {
  type: "evaluate", input: "none",
  links: (node) => [link("next", node.next, true)],
  textKeys: noTexts, saves: noSaves, options: noOptions,
};
