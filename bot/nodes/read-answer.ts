import type { QuestionNode } from "../../flows/schema/flow";
import { isDontKnow } from "../parse/is-dont-know";
import type { Lang, ParseResult } from "../types";
import type { Answer, LabelLookup, UserInput } from "./answer";
import { UNKNOWN_OPTION_ID, textOf } from "./answer";
import { withKind } from "./node-kinds";

/**
 * Reads a resident's answer to a question node, the way its kind reads it; bad input is a
 * value, never an exception. "몰라요", "I don't know" and the like are accepted at every
 * question (see unknownNextOf). `lang` is the conversation's, for the figures written in notes.
 */
export function readAnswer(node: QuestionNode, input: UserInput, labels: LabelLookup, lang: Lang = "ko"): ParseResult<Answer> {
  if (input.optionId === undefined && isDontKnow(textOf(input))) return readDontKnow(node, labels);
  return withKind(node, (kind, n): ParseResult<Answer> => kind.read?.(n, input, labels, lang) ?? { ok: false, reason: { key: "engine.error.chooseOption" } });
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

function readDontKnow(node: QuestionNode, labels: LabelLookup): ParseResult<Answer> {
  const next = unknownNextOf(node);
  if (next === undefined) return { ok: false, reason: { key: "engine.error.chooseOption" } };
  const hasUnknownOption = (node.type === "single_choice" || node.type === "multi_choice") && node.options.some((o) => o.id === UNKNOWN_OPTION_ID);
  if (node.onUnknown === undefined && hasUnknownOption) return readAnswer(node, { optionId: UNKNOWN_OPTION_ID }, labels);
  return { ok: true, value: { value: undefined, next, unknown: true } };
}

