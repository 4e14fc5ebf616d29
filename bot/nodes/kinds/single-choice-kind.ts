import type { FlowNode } from "../../../flows/schema/flow";
import { UNKNOWN_OPTION_ID, mapOk } from "../answer";
import type { NodeKind } from "../node-kind";
import { link, questionLinks, questionTexts, savedOf } from "../node-kind";
import { pickOption } from "../pick-option";

type SingleChoiceNode = Extract<FlowNode, { type: "single_choice" }>;

/** One option, tapped or typed; an option may lead elsewhere, and saves its value (or its id). */
export const singleChoiceKind: NodeKind<SingleChoiceNode> = {
  type: "single_choice", input: "choice",
  links: (node) => [...questionLinks(node, false), ...node.options.map((o, i) => link(`options.${i}.next`, o.next, false))],
  textKeys: (node) => [...questionTexts(node), ...node.options.map((o, i): [string, string] => [`options.${i}.label`, o.label])],
  saves: savedOf,
  options: (node) => node.options,
  read: (node, input, labels) => mapOk(pickOption(node.options, input, labels), (option) => ({
    value: option.value === undefined ? option.id : option.value,
    next: option.next ?? node.next,
    ...(option.id === UNKNOWN_OPTION_ID ? { unknown: true as const } : {}),
  })),
};
