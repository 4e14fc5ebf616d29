import type { FlowOption } from "../../flows/schema/flow";
import type { Msg, ParseResult } from "../types";

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

export function textOf(input: UserInput): string {
  return input.text ?? "";
}

export function mapOk<T, U>(result: ParseResult<T>, map: (value: T) => U): ParseResult<U> {
  return result.ok ? { ok: true, value: map(result.value) } : result;
}
