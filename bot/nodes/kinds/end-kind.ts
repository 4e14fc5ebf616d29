import type { FlowNode } from "../../../flows/schema/flow";
import type { NodeKind } from "../node-kind";
import { noOptions, noSaves, noTargets } from "../node-kind";

type EndNode = Extract<FlowNode, { type: "end" }>;

/** Ends the conversation with the result (when evaluated) and an offer: no input. */
export const endKind: NodeKind<EndNode> = {
  type: "end", input: "none",
  targets: noTargets,
  textKeys: (node) => [["text", node.text]],
  saves: noSaves, options: noOptions,
};
