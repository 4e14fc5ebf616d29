import type { FlowNode } from "../../../flows/schema/flow";
import { mapOk, textOf } from "../answer";
import type { NodeKind } from "../node-kind";
import { noOptions, questionLinks, questionTexts, savedOf } from "../node-kind";
import { parseCount } from "../parse-count";

type NumberNode = Extract<FlowNode, { type: "number" }>;

/** A whole number in [min, max], in digits or words ("3명", "저까지 2명이요", "일흔넷"). */
export const numberKind: NodeKind<NumberNode> = {
  type: "number", input: "number",
  links: (node) => questionLinks(node), textKeys: questionTexts, saves: savedOf, options: noOptions,
  read: (node, input) => mapOk(parseCount(textOf(input), node.min, node.max), (value) => ({ value, next: node.next })),
};
