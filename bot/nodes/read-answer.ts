import type { FlowNode, FlowOption, QuestionNode } from "../../flows/schema/flow";
import { formatWon } from "../parse/format-won";
import { isDontKnow } from "../parse/is-dont-know";
import { parseChoice, parseChoices } from "../parse/parse-choice";
import { parseDurationDays, parseDurationMonths } from "../parse/parse-duration";
import { MAX_MONEY_WON } from "../parse/parse-amount";
import { parseMoney, parseMoneyPeriod } from "../parse/parse-money";
import { parseYesNo } from "../parse/parse-yes-no";
import type { Lang, Msg, ParseResult } from "../types";
import { parseCount } from "./parse-count";

export type UserInput = { text?: string; optionId?: string };
/**
 * A question's answer: the value to save and where it leads. `unknown` marks "몰라요" (the
 * fact stays missing and the question is not asked again); `notes` are shown before the next
 * question, e.g. a monthly figure converted to the yearly one asked for.
 */
export type Answer = { value: unknown; next: string | undefined; unknown?: true; notes?: Msg[] };
/** Translations of an option label key in every language, so a typed label matches like a tap. */
export type LabelLookup = (labelKey: string) => string[];

/** The id of a choice's "don't know" option: typing "몰라요" picks it. */
export const UNKNOWN_OPTION_ID = "unknown";

export const YES_NO_OPTIONS: FlowOption[] = [
  { id: "yes", label: "engine.option.yes", synonyms: [], value: true },
  { id: "no", label: "engine.option.no", synonyms: [], value: false },
];

/**
 * Reads a resident's answer to a question node; bad input is a value, never an exception.
 * "몰라요", "I don't know" and the like are accepted at every question (see unknownNextOf).
 * `lang` is the conversation's, for the figures written in notes.
 */
export function readAnswer(node: QuestionNode, input: UserInput, labels: LabelLookup, lang: Lang = "ko"): ParseResult<Answer> {
  if (input.optionId === undefined && isDontKnow(textOf(input))) return readDontKnow(node, labels);
  switch (node.type) {
    case "single_choice":
      return mapOk(pickOption(node.options, input, labels), (option) => ({
        value: option.value === undefined ? option.id : option.value,
        next: option.next ?? node.next,
        ...(option.id === UNKNOWN_OPTION_ID ? { unknown: true as const } : {}),
      }));
    case "multi_choice":
      return readMulti(node, input, labels);
    case "yes_no":
      return mapOk(pickYesNo(input, labels), (option) => ({
        value: option.value,
        next: (option.value === true ? node.onYes : node.onNo) ?? node.next,
      }));
    case "money":
      return readMoney(node, textOf(input), lang);
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

/**
 * Where "don't know" leads: the node's `onUnknown`; else a single choice's `unknown` option;
 * else `next`; else, for yes/no, `onNo`. Undefined when the question has no such way (a
 * consent must be given or refused).
 */
export function unknownNextOf(node: QuestionNode): string | undefined {
  if (node.onUnknown !== undefined) return node.onUnknown;
  if (node.type === "single_choice") {
    const option = node.options.find((o) => o.id === UNKNOWN_OPTION_ID);
    if (option !== undefined) return option.next ?? node.next;
  }
  if ("next" in node && node.next !== undefined) return node.next;
  return node.type === "yes_no" ? node.onNo : undefined;
}

/** The options a question shows, or none for free input. */
export function optionsOf(node: FlowNode): FlowOption[] {
  if (node.type === "single_choice" || node.type === "multi_choice") return node.options;
  if (node.type === "yes_no") return YES_NO_OPTIONS;
  return [];
}

function readDontKnow(node: QuestionNode, labels: LabelLookup): ParseResult<Answer> {
  const next = unknownNextOf(node);
  if (next === undefined) return { ok: false, reason: { key: "engine.error.chooseOption" } };
  const hasUnknownOption = (node.type === "single_choice" || node.type === "multi_choice") && node.options.some((o) => o.id === UNKNOWN_OPTION_ID);
  if (node.onUnknown === undefined && hasUnknownOption) return readAnswer(node, { optionId: UNKNOWN_OPTION_ID }, labels);
  return { ok: true, value: { value: undefined, next, unknown: true } };
}

/**
 * An amount in the question's period: a monthly figure at a yearly question is × 12 and a
 * yearly one at a monthly question ÷ 12 (to the nearest 만원), with a note saying so.
 */
function readMoney(node: Extract<QuestionNode, { type: "money" }>, text: string, lang: Lang): ParseResult<Answer> {
  const amount = parseMoney(text, { bareUnit: node.bareUnit === "man" ? 10000 : 1 });
  if (!amount.ok) return amount;
  const stated = node.per === undefined || amount.value === 0 ? undefined : parseMoneyPeriod(text);
  if (stated === undefined || stated === node.per) return { ok: true, value: { value: amount.value, next: node.next } };
  const monthly = stated === "month" ? amount.value : Math.round(amount.value / 12 / 10_000) * 10_000;
  const yearly = stated === "month" ? amount.value * 12 : amount.value;
  if (yearly > MAX_MONEY_WON) return { ok: false, reason: { key: "parse.money.tooLarge" } };
  const note: Msg = {
    key: stated === "month" ? "engine.note.monthToYear" : "engine.note.yearToMonth",
    params: { monthly: formatWon(monthly, lang), yearly: formatWon(yearly, lang) },
  };
  return { ok: true, value: { value: stated === "month" ? yearly : monthly, next: node.next, notes: [note] } };
}

/** Yes/no: the sentence reader first ("네 빚 있어요"), then a number or a label ("1", "Yes"). */
function pickYesNo(input: UserInput, labels: LabelLookup): ParseResult<FlowOption> {
  if (input.optionId === undefined) {
    const sense = parseYesNo(textOf(input));
    const option = sense.ok ? YES_NO_OPTIONS.find((o) => o.value === sense.value) : undefined;
    if (option !== undefined) return { ok: true, value: option };
  }
  return pickOption(YES_NO_OPTIONS, input, labels);
}

function pickOption(options: FlowOption[], input: UserInput, labels: LabelLookup): ParseResult<FlowOption> {
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

function labelsOf(option: FlowOption, labels: LabelLookup): string[] {
  return [...labels(option.label), ...option.synonyms];
}

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

function textOf(input: UserInput): string {
  return input.text ?? "";
}

function mapOk<T, U>(result: ParseResult<T>, map: (value: T) => U): ParseResult<U> {
  return result.ok ? { ok: true, value: map(result.value) } : result;
}
