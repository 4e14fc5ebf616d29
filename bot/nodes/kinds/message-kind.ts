import type { FlowNode } from "../../../flows/schema/flow";
import type { NodeKind } from "../node-kind";
import { link, noOptions, noSaves } from "../node-kind";

type MessageNode = Extract<FlowNode, { type: "message" }>;

/** Says something and goes on: no input. */
export const messageKind: NodeKind<MessageNode> = {
  type: "message", input: "none",
  links: (node) => [link("next", node.next, true)],
  textKeys: (node) => [["text", node.text]],
  saves: noSaves, options: noOptions,
};
