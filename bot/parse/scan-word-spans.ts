/** A run of words a parser read as one value: words [from, to) of the sentence. */
export type WordSpan<T> = { from: number; to: number; text: string; value: T };

/**
 * Finds the values a whole-text parser reads inside a sentence. From left to right, the longest
 * run of up to `maxWords` words that parses is taken whole, so "대충 1200만원 돼요" gives one
 * span ("대충 1200만원") and "카드 300 대출 500" two; words that read as nothing are skipped.
 */
export function scanWordSpans<T>(words: readonly string[], parse: (text: string) => T | undefined, maxWords = 4): Array<WordSpan<T>> {
  const spans: Array<WordSpan<T>> = [];
  let at = 0;
  while (at < words.length) {
    const span = longestAt(words, at, parse, maxWords);
    if (span === undefined) at += 1;
    else {
      spans.push(span);
      at = span.to;
    }
  }
  return spans;
}

function longestAt<T>(words: readonly string[], from: number, parse: (text: string) => T | undefined, maxWords: number): WordSpan<T> | undefined {
  for (let size = Math.min(maxWords, words.length - from); size >= 1; size--) {
    const text = words.slice(from, from + size).join(" ");
    const value = parse(text);
    if (value !== undefined) return { from, to: from + size, text, value };
  }
  return undefined;
}

/**
 * Words that join the two ends of a range: "200에서 250", "2~3", "two or three", "3천 내지
 * 4천". Callers put spaces around them first (see splitRangeWords).
 */
export const RANGE_WORDS: ReadonlySet<string> = new Set(["~", "에서", "부터", "에서부터", "내지", "아니면", "이나", "or", "to", "between"]);

/**
 * Splits a folded sentence into words, with range joiners glued to a number set apart:
 * "200에서 250 사이" → ["200", "에서", "250", "사이"], "2~3개월" → ["2", "~", "3개월"].
 * A comma is a word break unless it sits between digits ("1,200,000").
 */
export function splitRangeWords(folded: string): string[] {
  return folded
    .replace(/([\d천백만억원])\s*[-–~∼〜]\s*(?=[\d일이삼사오육칠팔구천백])/g, "$1 ~ ")
    .replace(/([\d천백만억원])(에서부터|에서|부터)(?=\s|$|\d|[일이삼사오육칠팔구천백])/g, "$1 $2 ")
    .replace(/,\s+|(?<!\d),|,(?!\d)/g, " ")
    .split(/\s+/)
    .map((word) => word.replace(/^["'([]+|[.!?…"')\]]+$/g, ""))
    .filter((word) => word !== "");
}

/** Whether only range joiners (and "사이", "between") stand between two spans. */
export function isRangeBetween(words: readonly string[], first: WordSpan<unknown>, second: WordSpan<unknown>): boolean {
  const between = words.slice(first.to, second.from);
  return between.length > 0 && between.every((word) => RANGE_WORDS.has(word)) && second.from - first.to <= 2;
}
