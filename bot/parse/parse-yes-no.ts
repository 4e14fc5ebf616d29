import type { Msg, ParseResult } from "../types";
import { foldText, normalizeText } from "./normalize-text";

const INVALID: Msg = { key: "parse.yesNo.invalid" };
const MAX_INPUT_LENGTH = 100;

const YES = new Set(
  [
    "네", "넵", "넹", "네네", "예", "예예", "응", "웅", "엉", "ㅇㅇ", "ㅇ", "ㅇㅋ", "오케이", "맞아요", "맞습니다", "맞아", "맞음", "맞죠",
    "그래요", "그래", "그럼요", "그렇습니다", "그렇다", "그렇죠", "있어요", "있습니다", "있음", "있어", "있죠", "동의", "동의합니다",
    "동의해요", "동의함", "좋아요", "좋습니다", "좋아", "좋음", "당연하죠", "물론이죠", "물론", "예스",
    "yes", "y", "yeah", "yep", "yup", "ya", "ok", "okay", "sure", "agree", "i agree", "of course", "right", "correct", "true",
  ].map(normalizeText),
);

const NO = new Set(
  [
    "아니요", "아니오", "아뇨", "아니", "아니야", "아니에요", "아닙니다", "아님", "아녜요", "ㄴㄴ", "ㄴ", "노", "놉", "없어요", "없습니다",
    "없음", "없어", "없는데요", "싫어요", "싫어", "싫습니다", "동의 안 함", "동의 안 해요", "동의 안 합니다", "동의하지 않아요",
    "동의하지 않습니다", "동의하지 않음", "비동의", "미동의", "안 해요", "안 할래요", "안 합니다",
    "no", "n", "nope", "nah", "disagree", "i disagree", "false", "no thanks",
  ].map(normalizeText),
);

/**
 * Reads a yes or a no in Korean or English: "네", "넵", "ㅇㅇ", "있어요", "동의합니다", "yes" are
 * yes; "아니요", "ㄴㄴ", "없어요", "동의 안 함", "no" are no. Punctuation, emoji and ㅋㅋ/ㅠㅠ are
 * ignored ("네!", "네 ㅠㅠ"), and two or three words of the same sense are fine ("네 맞아요").
 * Anything else, or a mix ("네 아니요"), is a reason to ask again.
 */
export function parseYesNo(text: string): ParseResult<boolean> {
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: INVALID };
  const whole = classify(normalizeText(text));
  if (whole !== undefined) return { ok: true, value: whole };
  const words = foldText(text)
    .split(/[\s,.!?~…]+/)
    .map(normalizeText)
    .filter((w) => w !== "");
  if (words.length < 2 || words.length > 3) return { ok: false, reason: INVALID };
  const senses = new Set(words.map(classify));
  const [sense] = senses;
  return senses.size === 1 && sense !== undefined ? { ok: true, value: sense } : { ok: false, reason: INVALID };
}

function classify(word: string): boolean | undefined {
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
}
