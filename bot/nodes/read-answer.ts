import type { FlowNode, FlowOption, QuestionNode } from "../../flows/schema/flow";
import { parseChoice, parseChoices } from "../parse/parse-choice";
import { parseDurationDays, parseDurationMonths } from "../parse/parse-duration";
import { parseMoney } from "../parse/parse-money";
import { parseYesNo } from "../parse/parse-yes-no";
import type { ParseResult } from "../types";
import { parseCount } from "./parse-count";

export type UserInput = { text?: string; optionId?: string };
export type Answer = { value: unknown; next: string | undefined };
/** Translations of an option label key in every language, so a typed label matches like a tap. */
export type LabelLookup = (labelKey: string) => string[];

export const YES_NO_OPTIONS: FlowOption[] = [
  { id: "yes", label: "engine.option.yes", synonyms: [], value: true },
  { id: "no", label: "engine.option.no", synonyms: [], value: false },
];

/** Reads a resident's answer to a question node; bad input is a value, never an exception. */
export function readAnswer(node: QuestionNode, input: UserInput, labels: LabelLookup): ParseResult<Answer> {
  switch (node.type) {
    case "single_choice":
      return mapOk(pickOption(node.options, input, labels), (option) => ({ value: option.value === undefined ? option.id : option.value, next: option.next ?? node.next }));
    case "multi_choice":
      return readMulti(node, input, labels);
    case "yes_no":
      return mapOk(pickOption(YES_NO_OPTIONS, input, labels, parseYesNo), (option) => ({
        value: option.value,
        next: (option.value === true ? node.onYes : node.onNo) ?? node.next,
      }));
    case "money":
      return mapOk(parseMoney(textOf(input), { bareUnit: node.bareUnit === "man" ? 10000 : 1 }), (value) => ({ value, next: node.next }));
    case "number":
      return mapOk(parseCount(textOf(input), node.min, node.max), (value) => ({ value, next: node.next }));
    case "duration":
      return mapOk((node.unit === "days" ? parseDurationDays : parseDurationMonths)(textOf(input)), (value) => ({ value, next: node.next }));
    case "free_text": {
      const text = textOf(input).trim();
      if (text.length === 0) return { ok: false, reason: { key: "engine.error.empty" } };
      if (text.length > node.maxLength) return { ok: false, reason: { key: "engine.error.tooLong", params: { max: node.maxLength } } };
      return { ok: true, value: { value: text, next: node.next } };
    }
  }
}

/** The options a question shows, or none for free input. */
export function optionsOf(node: FlowNode): FlowOption[] {
  if (node.type === "single_choice" || node.type === "multi_choice") return node.options;
  if (node.type === "yes_no") return YES_NO_OPTIONS;
  return [];
}

function pickOption(
  options: FlowOption[], input: UserInput, labels: LabelLookup,
  parseExtra?: (text: string) => ParseResult<boolean>,
): ParseResult<FlowOption> {
  if (input.optionId !== undefined) {
    const option = options.find((o) => o.id === input.optionId);
    return option ? { ok: true, value: option } : { ok: false, reason: { key: "engine.error.unknownOption" } };
  }
  const text = textOf(input);
  const chosen = parseChoice(text, options.map((o) => ({ id: o.id, labels: [...labels(o.label), ...o.synonyms] })));
  if (chosen.ok) {
    const option = options.find((o) => o.id === chosen.value);
    if (option) return { ok: true, value: option };
  }
  if (parseExtra) {
    const extra = parseExtra(text);
    const option = extra.ok ? options.find((o) => o.value === extra.value) : undefined;
    if (option) return { ok: true, value: option };
  }
  return { ok: false, reason: { key: "engine.error.chooseOption" } };
}

function readMulti(node: Extract<QuestionNode, { type: "multi_choice" }>, input: UserInput, labels: LabelLookup): ParseResult<Answer> {
  let ids: string[];
  if (input.optionId !== undefined) {
    ids = input.optionId.split(",").map((id) => id.trim()).filter((id) => id.length > 0);
    if (ids.length === 0 || ids.some((id) => !node.options.some((o) => o.id === id))) {
      return { ok: false, reason: { key: "engine.error.unknownOption" } };
    }
  } else {
    const parsed = parseChoices(textOf(input), node.options.map((o) => ({ id: o.id, labels: [...labels(o.label), ...o.synonyms] })));
    if (!parsed.ok) return { ok: false, reason: { key: "engine.error.chooseOptions" } };
    ids = parsed.value;
  }
  if (node.exclusiveOption !== undefined && ids.includes(node.exclusiveOption)) {
    if (ids.length > 1) return { ok: false, reason: { key: "engine.error.exclusiveOption" } };
    return { ok: true, value: { value: [], next: node.next } };
  }
  const values = node.options
    .filter((o) => ids.includes(o.id))
    .map((o) => (o.value === undefined ? o.id : o.value))
    .filter((v) => v !== null);
  return { ok: true, value: { value: [...new Set(values)], next: node.next } };
}

function textOf(input: UserInput): string {
  return input.text ?? "";
}

function mapOk<T, U>(result: ParseResult<T>, map: (value: T) => U): ParseResult<U> {
  return result.ok ? { ok: true, value: map(result.value) } : result;
}
