import type { Msg, ParseResult } from "../types";
import { computeEditDistance } from "./compute-edit-distance";
import { findChoiceMentions } from "./find-choice-mentions";
import { foldText, normalizeText } from "./normalize-text";
import { stripAffixes } from "./strip-affixes";

/** An option as shown to the resident: its id and the texts that select it (label, synonyms). */
export type ChoiceOption = { id: string; labels: readonly string[] };

const MAX_INPUT_LENGTH = 200;

/** What people add around a pick: "2번이요", "카드로 할게요", "은행이랑". */
const SUFFIXES = [
  "으로할게요", "로할게요", "할게요", "할께요", "으로요", "로요", "으로", "로", "이요", "이에요", "예요", "입니다", "이오", "요", "선택",
  "이랑", "랑", "하고", "도",
];
/** Ordinal words, after normalizeText: "두 번째" → "두번째". */
const ORDINALS: Readonly<Record<string, number>> = {
  첫번째: 1, 첫째: 1, 첫번: 1, 처음: 1, 두번째: 2, 둘째: 2, 세번째: 3, 셋째: 3, 네번째: 4, 넷째: 4, 다섯번째: 5, 다섯째: 5,
  여섯번째: 6, 여섯째: 6, 일곱번째: 7, 일곱째: 7, 여덟번째: 8, 여덟째: 8, 아홉번째: 9, 아홉째: 9, 열번째: 10, 열째: 10,
  마지막: -1, 마지막거: -1, 끝: -1,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, last: -1,
};
const NUMBER = /^(\d{1,3})(?:번째|번|째|st|nd|rd|th)?(?:거|것)?$/;

type Match = { kind: "one"; index: number } | { kind: "ambiguous" } | { kind: "none" };

/**
 * Reads a single pick from a list and returns the option's id. In this order: a label or
 * synonym typed exactly (ignoring spaces, punctuation, case and full width); the option's
 * 1-based number ("2", "2번", "②", "두 번째", "마지막"); a near miss by one edit (labels of 3+
 * characters) or two (8+), only when exactly one option is that near; last, a label or synonym
 * named inside a sentence ("회사 다녀요", "알바해요", see findChoiceMentions). Exact labels win
 * over numbers so an option labelled "1명" is not confused with option 1. Two options named,
 * or a negation beside the one named ("회사 안 다녀요"), ask again; never a guess.
 */
export function parseChoice(text: string, options: readonly ChoiceOption[]): ParseResult<string> {
  const match = text.length > MAX_INPUT_LENGTH ? NONE : matchChoice(text, options);
  const option = match.kind === "one" ? options[match.index] : undefined;
  if (option !== undefined) return { ok: true, value: option.id };
  return { ok: false, reason: reasonFor(match, options) };
}

/**
 * Reads several picks: "1, 3", "1 3", "1번 3번", "1,3번", "카드, 은행". Returns ids once each,
 * in the options' order. One piece that matches nothing fails the whole reply, naming it.
 */
export function parseChoices(text: string, options: readonly ChoiceOption[]): ParseResult<string[]> {
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: reasonFor(NONE, options) };
  const pieces = foldText(text)
    .split(/[,;/·+&、\n]|\band\b|그리고/)
    .map((p) => p.trim())
    .filter((p) => normalizeText(p) !== "");
  if (pieces.length === 0) return { ok: false, reason: reasonFor(NONE, options) };
  const picked = new Set<number>();
  for (const piece of pieces) {
    const indexes = matchPiece(piece, options);
    if (!indexes.ok) return indexes;
    for (const index of indexes.value) picked.add(index);
  }
  const ids = [...picked].sort((a, b) => a - b).flatMap((i) => options[i]?.id ?? []);
  return { ok: true, value: ids };
}

const NONE: Match = { kind: "none" };

function reasonFor(match: Match, options: readonly ChoiceOption[]): Msg {
  const count = options.length;
  return match.kind === "ambiguous" ? { key: "parse.choice.ambiguous", params: { count } } : { key: "parse.choice.invalid", params: { count } };
}

/** A comma-separated piece may still hold several picks: "1 3", "1번 3번", "1번3번", "카드 은행". */
function matchPiece(piece: string, options: readonly ChoiceOption[]): ParseResult<number[]> {
  const words = piece.split(/\s+/);
  const glued = normalizeText(piece);
  const numbers = words.every((w) => NUMBER.test(normalizeText(w)))
    ? words.map((w) => normalizeText(w))
    : /^(?:\d{1,3}번)+$/.test(glued) ? glued.split("번").filter((w) => w !== "")
    : undefined;
  const candidates = numbers ?? [piece];
  const whole = candidates.map((c) => matchChoice(c, options));
  if (whole.every((m) => m.kind === "one")) return { ok: true, value: whole.flatMap((m) => (m.kind === "one" ? [m.index] : [])) };
  if (numbers === undefined && words.length > 1) {
    const each = words.map((w) => matchChoice(w, options));
    if (each.every((m) => m.kind === "one")) return { ok: true, value: each.flatMap((m) => (m.kind === "one" ? [m.index] : [])) };
    // "카드빚이랑 사채 있어요": every option the sentence names, unless it negates something.
    const named = findChoiceMentions(piece, options);
    if (named.indexes.length > 0 && !named.negated) return { ok: true, value: named.indexes };
  }
  const failed = whole.find((m) => m.kind !== "one") ?? NONE;
  const reason = reasonFor(failed, options);
  return { ok: false, reason: { key: failed.kind === "ambiguous" ? reason.key : "parse.choice.unknownPart", params: { ...reason.params, part: piece } } };
}

function matchChoice(text: string, options: readonly ChoiceOption[]): Match {
  const normalized = normalizeText(text);
  if (normalized === "") return NONE;
  const exact = matchLabel(normalized, options);
  if (exact.kind !== "none") return exact;
  const stripped = stripAffixes(normalized, { suffixes: SUFFIXES });
  // "1, 3" normalizes to "13": a single pick has one run of digits.
  const oneNumber = !/\d\D+\d/.test(foldText(text));
  const position = oneNumber ? readPosition(stripped, options.length) : undefined;
  if (position !== undefined) return position >= 1 && position <= options.length ? { kind: "one", index: position - 1 } : NONE;
  if (stripped !== normalized && stripped !== "") {
    const bare = matchLabel(stripped, options);
    if (bare.kind !== "none") return bare;
  }
  const near = matchNear([normalized, stripped], options);
  return near.kind === "none" ? matchMentions(text, options) : near;
}

function matchMentions(text: string, options: readonly ChoiceOption[]): Match {
  const { indexes, negated } = findChoiceMentions(text, options);
  if (indexes.length === 0) return NONE;
  return negated ? { kind: "ambiguous" } : toMatch(indexes);
}

function readPosition(text: string, count: number): number | undefined {
  const ordinal = ORDINALS[text];
  if (ordinal !== undefined) return ordinal === -1 ? count : ordinal;
  const number = NUMBER.exec(text);
  return number?.[1] === undefined ? undefined : Number(number[1]);
}

function matchLabel(normalized: string, options: readonly ChoiceOption[]): Match {
  const hits = options.flatMap((option, index) => (option.labels.some((label) => normalizeText(label) === normalized) ? [index] : []));
  return toMatch(hits);
}

/** A typo's allowance grows with the label: none below 3 characters, 1 from 3, 2 from 8. */
function allowance(label: string): number {
  const length = Array.from(label).length;
  return length >= 8 ? 2 : length >= 3 ? 1 : 0;
}

/**
 * "안 빌렸어요" is one edit from "빌렸어요" and "네동의" one from "비동의", but neither is a typo:
 * a near miss must hold the same negations as its label (비 and 불 included: "비동의").
 */
const NEGATION = /안|못|않|없|아니|비|불|not|no/g;

function negations(text: string): string {
  return (text.match(NEGATION) ?? []).sort().join(",");
}

function matchNear(texts: readonly string[], options: readonly ChoiceOption[]): Match {
  const hits = options.flatMap((option, index) => {
    const near = option.labels.some((label) => {
      const target = normalizeText(label);
      const limit = allowance(target);
      const negatesLike = (text: string) => negations(text) === negations(target);
      return limit > 0 && texts.some((text) => text !== "" && negatesLike(text) && computeEditDistance(text, target, limit) <= limit);
    });
    return near ? [index] : [];
  });
  return toMatch(hits);
}

function toMatch(hits: readonly number[]): Match {
  const [first, ...rest] = hits;
  if (first === undefined) return NONE;
  return rest.length === 0 ? { kind: "one", index: first } : { kind: "ambiguous" };
}
