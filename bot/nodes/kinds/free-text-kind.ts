import type { FlowNode } from "../../../flows/schema/flow";
import { textOf } from "../answer";
import type { NodeKind } from "../node-kind";
import { noOptions, questionLinks, questionTexts, savedOf } from "../node-kind";

type FreeTextNode = Extract<FlowNode, { type: "free_text" }>;

/** Anything typed, up to the node's length. */
export const freeTextKind: NodeKind<FreeTextNode> = {
  type: "free_text", input: "text",
  links: (node) => questionLinks(node), textKeys: questionTexts, saves: savedOf, options: noOptions,
  read: (node, input) => {
    const text = textOf(input).trim();
    if (text.length === 0) return { ok: false, reason: { key: "engine.error.empty" } };
    if (text.length > node.maxLength) return { ok: false, reason: { key: "engine.error.tooLong", params: { max: node.maxLength } } };
    return { ok: true, value: { value: text, next: node.next } };
  },
};
