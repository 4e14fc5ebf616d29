import type { FlowNode } from "../../../flows/schema/flow";
import { parseDurationDays, parseDurationMonths } from "../../parse/parse-duration";
import { mapOk, textOf } from "../answer";
import type { NodeKind } from "../node-kind";
import { noOptions, questionLinks, questionTexts, savedOf } from "../node-kind";

type DurationNode = Extract<FlowNode, { type: "duration" }>;

/** How long, in the node's unit (days or months): "한 3개월", "반년", "45일". */
export const durationKind: NodeKind<DurationNode> = {
  type: "duration", input: "text",
  links: (node) => questionLinks(node), textKeys: questionTexts, saves: savedOf, options: noOptions,
  read: (node, input) => mapOk((node.unit === "days" ? parseDurationDays : parseDurationMonths)(textOf(input)), (value) => ({ value, next: node.next })),
};
