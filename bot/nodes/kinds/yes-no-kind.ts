import type { FlowNode, FlowOption } from "../../../flows/schema/flow";
import { parseYesNo } from "../../parse/parse-yes-no";
import type { ParseResult } from "../../types";
import type { LabelLookup, UserInput } from "../answer";
import { YES_NO_OPTIONS, mapOk, textOf } from "../answer";
import type { NodeKind } from "../node-kind";
import { link, questionLinks, questionTexts, savedOf } from "../node-kind";
import { pickOption } from "../pick-option";

type YesNoNode = Extract<FlowNode, { type: "yes_no" }>;

/** Yes or no, tapped or said in a sentence ("네 빚 있어요"); each may lead elsewhere. */
export const yesNoKind: NodeKind<YesNoNode> = {
  type: "yes_no", input: "choice",
  links: (node) => [...questionLinks(node, false), link("onYes", node.onYes, false), link("onNo", node.onNo, false)],
  textKeys: questionTexts,
  saves: savedOf,
  options: () => YES_NO_OPTIONS,
  read: (node, input, labels) => mapOk(pickYesNo(input, labels), (option) => ({
    value: option.value,
    next: (option.value === true ? node.onYes : node.onNo) ?? node.next,
  })),
};

/** Yes/no: the sentence reader first ("네 빚 있어요"), then a number or a label ("1", "Yes"). */
function pickYesNo(input: UserInput, labels: LabelLookup): ParseResult<FlowOption> {
  if (input.optionId === undefined) {
    const sense = parseYesNo(textOf(input));
    const option = sense.ok ? YES_NO_OPTIONS.find((o) => o.value === sense.value) : undefined;
    if (option !== undefined) return { ok: true, value: option };
  }
  return pickOption(YES_NO_OPTIONS, input, labels);
}

