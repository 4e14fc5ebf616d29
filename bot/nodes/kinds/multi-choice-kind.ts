import type { FlowNode, QuestionNode } from "../../../flows/schema/flow";
import { parseChoices } from "../../parse/parse-choice";
import type { ParseResult } from "../../types";
import type { Answer, LabelLookup, UserInput } from "../answer";
import { UNKNOWN_OPTION_ID, textOf } from "../answer";
import type { NodeKind } from "../node-kind";
import { questionLinks, questionTexts, savedOf } from "../node-kind";
import { labelsOf } from "../pick-option";

type MultiChoiceNode = Extract<FlowNode, { type: "multi_choice" }>;

/** Every option that applies, tapped as ids joined by commas or typed ("카드, 은행"); saves the list of values. */
export const multiChoiceKind: NodeKind<MultiChoiceNode> = {
  type: "multi_choice", input: "multi",
  links: (node) => questionLinks(node),
  textKeys: (node) => [...questionTexts(node), ...node.options.map((o, i): [string, string] => [`options.${i}.label`, o.label])],
  saves: savedOf,
  options: (node) => node.options,
  read: (node, input, labels) => readMulti(node, input, labels),
};

function readMulti(node: Extract<QuestionNode, { type: "multi_choice" }>, input: UserInput, labels: LabelLookup): ParseResult<Answer> {
  let ids: string[];
  if (input.optionId !== undefined) {
    ids = input.optionId.split(",").map((id) => id.trim()).filter((id) => id.length > 0);
    if (ids.length === 0 || ids.some((id) => !node.options.some((o) => o.id === id))) {
      return { ok: false, reason: { key: "engine.error.unknownOption" } };
    }
  } else {
    const parsed = parseChoices(textOf(input), node.options.map((o) => ({ id: o.id, labels: labelsOf(o, labels) })));
    if (!parsed.ok) return { ok: false, reason: { key: "engine.error.chooseOptions" } };
    ids = parsed.value;
  }
  const unknown = ids.includes(UNKNOWN_OPTION_ID) ? { unknown: true as const } : {};
  if (node.exclusiveOption !== undefined && ids.includes(node.exclusiveOption)) {
    if (ids.length > 1) return { ok: false, reason: { key: "engine.error.exclusiveOption" } };
    return { ok: true, value: { value: [], next: node.next, ...unknown } };
  }
  const values = node.options
    .filter((o) => ids.includes(o.id))
    .map((o) => (o.value === undefined ? o.id : o.value))
    .filter((v) => v !== null);
  return { ok: true, value: { value: [...new Set(values)], next: node.next, ...unknown } };
}

