import type { FlowOption } from "../../flows/schema/flow";
import { parseChoice } from "../parse/parse-choice";
import { parseYesNo } from "../parse/parse-yes-no";
import type { ParseResult } from "../types";
import type { LabelLookup, UserInput } from "./answer";
import { UNKNOWN_OPTION_ID, textOf } from "./answer";

/** A tapped option by id, or a typed one by its label in any language, a synonym, its number or a yes/no that means it. */
export function pickOption(options: FlowOption[], input: UserInput, labels: LabelLookup): ParseResult<FlowOption> {
  if (input.optionId !== undefined) {
    const option = options.find((o) => o.id === input.optionId);
    return option ? { ok: true, value: option } : { ok: false, reason: { key: "engine.error.unknownOption" } };
  }
  const text = textOf(input);
  const chosen = parseChoice(text, options.map((o) => ({ id: o.id, labels: labelsOf(o, labels) })));
  const option = chosen.ok ? options.find((o) => o.id === chosen.value) : pickBySense(options, text, labels);
  return option ? { ok: true, value: option } : { ok: false, reason: { key: "engine.error.chooseOption" } };
}

/**
 * A yes or a no in a sentence ("없는 것 같아요", "Yes, I agree") picks the one option whose
 * one-word label or synonym means the same ("없어요", "agree"); the "don't know" option never.
 */
function pickBySense(options: FlowOption[], text: string, labels: LabelLookup): FlowOption | undefined {
  const sense = parseYesNo(text);
  if (!sense.ok) return undefined;
  const means = (label: string) => {
    const read = /\s/.test(label.trim()) ? undefined : parseYesNo(label);
    return read?.ok === true && read.value === sense.value;
  };
  const matching = options.filter((o) => o.id !== UNKNOWN_OPTION_ID && labelsOf(o, labels).some(means));
  return matching.length === 1 ? matching[0] : undefined;
}

export function labelsOf(option: FlowOption, labels: LabelLookup): string[] {
  return [...labels(option.label), ...option.synonyms];
}

