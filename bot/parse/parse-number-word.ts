import { parseSinoNumber } from "./parse-sino-number";

/**
 * A number said in words at the start of a word: its value, how many characters it takes, and
 * whether it is a number only before a counter ("세 명", but "세" alone is no answer).
 */
export type NumberWord = { value: number; length: number; needsCounter: boolean };

const NATIVE_TENS: Readonly<Record<string, number>> = {
  열: 10, 스물: 20, 스무: 20, 서른: 30, 마흔: 40, 쉰: 50, 예순: 60, 일흔: 70, 여든: 80, 아흔: 90,
};
const NATIVE_UNITS: Readonly<Record<string, number>> = {
  하나: 1, 한: 1, 둘: 2, 두: 2, 셋: 3, 세: 3, 넷: 4, 네: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9,
};
/** Forms used only before a counter: "한 명", "두 번", "네 식구", "스무 살". "네" alone is a yes. */
const BEFORE_COUNTER = new Set(["한", "두", "세", "네", "스무"]);
/**
 * "한두", "두세", "서너": one or two, two or three, three or four. They count as the larger
 * number: a resident unsure between two counts of harm (calls, months overdue) is not asked to
 * pick the smaller, and a household of "두세 명" is planned for the larger.
 */
const NATIVE_PAIRS: Readonly<Record<string, number>> = {
  한두: 2, 두세: 3, 두셋: 3, 서너: 4, 서넛: 4, 너덧: 5, 네댓: 5, 너댓: 5, 대여섯: 6, 예닐곱: 7,
};
const PAIRS_BEFORE_COUNTER = new Set(["한두", "두세", "서너", "너덧", "네댓", "너댓"]);
const ENGLISH: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const ENGLISH_TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

const byLength = (words: Record<string, unknown>): string => Object.keys(words).sort((a, b) => b.length - a.length).join("|");
const PAIR = new RegExp(`^(?:${byLength(NATIVE_PAIRS)})`);
const NATIVE = new RegExp(`^(?<tens>${byLength(NATIVE_TENS)})?(?<units>${byLength(NATIVE_UNITS)})?`);
const SINO = /^(?:[일이삼사오육칠팔구]?천)?(?:[일이삼사오육칠팔구]?백)?(?:[일이삼사오육칠팔구]?십)?[일이삼사오육칠팔구]?/;
const ENGLISH_WORD = new RegExp(`^(?:(?<tens>${byLength(ENGLISH_TENS)})(?:-?(?<units>${byLength(ENGLISH)}))?|(?<alone>${byLength(ENGLISH)}))$`);

/**
 * Reads the number a word starts with: native Korean ("마흔다섯살" → 45, "일흔넷이에요" → 74,
 * "스무" → 20 before a counter, "하나", "둘", "셋"), a native pair ("두세" → 3, the larger),
 * Sino-Korean with a place word ("사십오" → 45, "칠백" → 700; a lone "이" or "오" is too often
 * a particle to count), or a whole English word ("twelve", "twenty-five"). Undefined otherwise.
 */
export function parseNumberWord(word: string): NumberWord | undefined {
  const english = ENGLISH_WORD.exec(word);
  if (english?.groups !== undefined) {
    const { tens, units, alone } = english.groups;
    const value = alone !== undefined ? ENGLISH[alone] : (ENGLISH_TENS[tens ?? ""] ?? 0) + (units === undefined ? 0 : (ENGLISH[units] ?? 0));
    return value === undefined ? undefined : { value, length: word.length, needsCounter: false };
  }
  const pair = PAIR.exec(word)?.[0];
  if (pair !== undefined) return { value: NATIVE_PAIRS[pair] ?? 0, length: pair.length, needsCounter: PAIRS_BEFORE_COUNTER.has(pair) };
  const native = NATIVE.exec(word);
  const { tens, units } = native?.groups ?? {};
  if (native !== null && (tens !== undefined || units !== undefined)) {
    const value = (tens === undefined ? 0 : (NATIVE_TENS[tens] ?? 0)) + (units === undefined ? 0 : (NATIVE_UNITS[units] ?? 0));
    const needsCounter = units !== undefined ? BEFORE_COUNTER.has(units) : tens === "스무";
    return { value, length: native[0].length, needsCounter };
  }
  const sino = SINO.exec(word)?.[0] ?? "";
  if (!/[십백천]/.test(sino)) return undefined;
  const parsed = parseSinoNumber(sino);
  return parsed.ok ? { value: parsed.value, length: sino.length, needsCounter: false } : undefined;
}
