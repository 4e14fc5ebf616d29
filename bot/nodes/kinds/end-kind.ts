import type { FlowNode } from "../../../flows/schema/flow";
import type { NodeKind } from "../node-kind";
import { noLinks, noOptions, noSaves } from "../node-kind";

type EndNode = Extract<FlowNode, { type: "end" }>;

/** Ends the conversation with the result (when evaluated) and an offer: no input. */
export const endKind: NodeKind<EndNode> = {
  type: "end", input: "none",
  links: noLinks,
  textKeys: (node) => [["text", node.text]],
  saves: noSaves, options: noOptions,
};
