import type { Msg, ParseResult } from "../types";
import { foldText, normalizeText } from "./normalize-text";
import { parseSinoNumber } from "./parse-sino-number";
import { isRangeBetween, RANGE_WORDS, scanWordSpans, splitRangeWords } from "./scan-word-spans";
import { stripAffixes } from "./strip-affixes";

/** A year, a month, a week and a day counted in days (a month is 30 days for triage). */
const DAYS_PER: Readonly<Record<Unit, number>> = { year: 365, month: 30, week: 7, day: 1 };
const RANK: Readonly<Record<Unit, number>> = { year: 4, month: 3, week: 2, day: 1 };
/** A hundred years; longer is a typo. */
const MAX_DAYS = 36_500;
const MAX_INPUT_LENGTH = 100;

type Unit = "year" | "month" | "week" | "day";
type Parts = Record<Unit, number>;

const INVALID: Msg = { key: "parse.duration.invalid" };
const TOO_LONG: Msg = { key: "parse.duration.tooLong" };

/** Replies that mean "not at all": no arrears, or no time in the job. */
const ZERO_WORDS = new Set(
  [
    "0", "없어요", "없음", "없습니다", "없어", "없다", "없는데요", "안 밀렸어요", "안 밀렸습니다", "안 밀렸음", "안 밀림", "안 밀렸어",
    "밀린 적 없어요", "밀린 적 없음", "밀린 거 없어요", "연체 안 했어요", "연체 안 했습니다", "연체 안 함", "안 했어요",
    "none", "no", "never", "zero", "nothing",
  ].map(normalizeText),
);

/** Hedges and the verbs residents wrap a duration in; none changes the number. */
const PREFIXES = [
  "약", "대략", "대충", "얼추", "거의", "벌써", "이미", "지금", "현재", "아직", "한번도", "연체기간", "연체된지", "연체한지", "연체", "밀린지", "밀린게",
  "일한지", "다닌지", "근무한지", "근무기간", "about", "around", "almost", "approximately", "approx", "roughly", "over", "nearly", "for",
];
const SUFFIXES = [
  "정도", "쯤", "가량", "남짓", "넘게", "넘었어요", "넘었습니다", "넘음", "이상", "미만", "이하", "째", "동안", "됐어요", "됐습니다",
  "되었어요", "되었습니다", "됐음", "됨", "돼요", "되요", "밀렸어요", "밀렸습니다", "밀림", "연체됐어요", "연체됐습니다", "연체중", "연체",
  "일했어요", "일했습니다", "다녔어요", "다녔습니다", "근무했어요", "근무했습니다", "요", "이요", "이에요", "예요", "입니다", "임",
  "ago", "now", "orso", "already", "ormore",
];

/**
 * Native-Korean counts, used with 달, 해 and 주 ("석 달", "두 해"). A pair ("두세 달", "서너
 * 달") counts as its larger number: the resident is unsure between the two, and for arrears and
 * lending terms the longer is the one that can make help apply.
 */
const NATIVE: Readonly<Record<string, number>> = {
  한: 1, 두: 2, 세: 3, 석: 3, 네: 4, 넉: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10,
  한두: 2, 두어: 2, 두세: 3, 서너: 4, 너덧: 5, 네댓: 5, 너댓: 5, 대여섯: 6,
  열한: 11, 열두: 12, 열세: 13, 열석: 13, 열네: 14, 열다섯: 15, 열여섯: 16, 열일곱: 17, 열여덟: 18, 열아홉: 19, 스무: 20, 스물: 20,
};
const ENGLISH_NUMBERS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
/** Words that are a number of days on their own. */
const DAY_WORDS: Readonly<Record<string, number>> = {
  하루: 1, 이틀: 2, 사흘: 3, 나흘: 4, 닷새: 5, 엿새: 6, 이레: 7, 여드레: 8, 아흐레: 9, 열흘: 10, 보름: 15,
};
const KOREAN_UNITS: Readonly<Record<string, Unit>> = { 개월: "month", 주일: "week", 년: "year", 해: "year", 달: "month", 주: "week", 일: "day" };
const ENGLISH_UNITS: Readonly<Record<string, Unit>> = {
  years: "year", year: "year", yrs: "year", yr: "year", y: "year",
  months: "month", month: "month", mths: "month", mth: "month", mos: "month", mo: "month",
  weeks: "week", week: "week", wks: "week", wk: "week", w: "week",
  days: "day", day: "day", d: "day",
};

const alternatives = (words: Record<string, unknown>): string => Object.keys(words).sort((a, b) => b.length - a.length).join("|");
const ARABIC = String.raw`\d+(?:\.\d+)?`;
const SINO = "(?=[일이삼사오육칠팔구십백])(?:[일이삼사오육칠팔구]?백)?(?:[일이삼사오육칠팔구]?십)?[일이삼사오육칠팔구]?";
/**
 * One "amount unit" piece, optionally joined by "하고"/"and" and followed by 반 ("1년 반").
 * The regex backtracks, so "이십일" reads as 20 days, and "일주일" as one 주일.
 */
const COMPONENT = new RegExp(
  `(?:하고|and|&)?(?:(?<dayWord>${alternatives(DAY_WORDS)})` +
    `|(?:(?<arabic>${ARABIC})|(?<native>${alternatives(NATIVE)})|(?<half>반)|(?<sino>${SINO}))(?<koUnit>${alternatives(KOREAN_UNITS)})(?<koHalf>반)?` +
    `|(?<enAmount>${ARABIC}|${alternatives(ENGLISH_NUMBERS)})(?<enUnit>${alternatives(ENGLISH_UNITS)})(?<enHalf>andahalf)?)`,
  "y",
);

/** "연체 없어요", "제때 내고 있어요", "not overdue": no arrears, in a sentence. */
const NONE_SENTENCE =
  /안\s*밀|연체\s*(?:는|도|된\s*거|한\s*적)?\s*(?:없|안)|밀린\s*(?:거|게|건|적|것)?\s*(?:은|는|이|도)?\s*없|제때|꼬박꼬박|없어|없음|없습|\bnot\s+(?:overdue|behind|late)\b|\bno\s+arrears\b|\bnever\s+(?:been\s+)?late\b|\bon\s+time\b|\bhaven'?t\s+missed\b|\bup\s+to\s+date\b/;
/** "얼마 안 됐어요", "몇 달 없어요": a vague amount, never a zero. */
const NOT_NONE = /얼마|별로|거의|몇|조금|좀|오래|not\s+long|a\s+while/;

/**
 * Reads how long something has lasted and returns whole days: "3개월" → 90, "2주" → 14,
 * "1년 반" → 548, "반년" → 183, "석 달" → 90, "열흘" → 10, "2년 3개월" → 820, "10 days",
 * "1 year"; a bare number is days ("45"); "없어요", "안 밀렸어요", "연체 없어요" → 0. A year is
 * 365 days, a month 30, and 반 is half the unit before it ("6개월 반" → 195); the total is
 * rounded half up. Hedges keep the figure ("한 3개월", "3개월쯤"). Inside a sentence the one
 * duration it holds is read ("카드값이 한 3개월 됐어요"); a range ("두세 달", "2~3개월", "2
 * or 3 months") counts as its longer end; two unrelated durations ask again.
 */
export function parseDurationDays(text: string): ParseResult<number> {
  const parts = parseParts(text, "day");
  if (!parts.ok) return parts;
  // The epsilon keeps float noise (0.1 * 30) from rounding the wrong way.
  return { ok: true, value: Math.floor(toDays(parts.value) + 0.5 + 1e-9) };
}

/**
 * The same readings in whole months, for "how long in this job": "1년 반" → 18, "2년" → 24,
 * "90일" → 3; a bare number is months ("6"). Part months are dropped ("6개월 반" → 6), as only
 * completed months count.
 */
export function parseDurationMonths(text: string): ParseResult<number> {
  const parts = parseParts(text, "month");
  if (!parts.ok) return parts;
  const { year, month, week, day } = parts.value;
  return { ok: true, value: Math.floor(year * 12 + month + (week * 7 + day) / 30 + 1e-9) };
}

function parseParts(text: string, bareUnit: Unit): ParseResult<Parts> {
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: INVALID };
  const whole = readParts(text, bareUnit);
  if (whole.ok || whole.reason.key !== INVALID.key) return whole;
  const folded = foldText(text).replace(/[’‘`´]/g, "'");
  const words = splitRangeWords(folded);
  const spans = scanWordSpans(words, (span) => {
    if (span.split(" ").some((word) => RANGE_WORDS.has(word))) return undefined;
    const parts = readParts(span, bareUnit);
    return parts.ok ? parts.value : undefined;
  });
  const [first, second, ...rest] = spans;
  if (first === undefined) {
    return !/\d/.test(folded) && NONE_SENTENCE.test(folded) && !NOT_NONE.test(folded) ? { ok: true, value: emptyParts() } : whole;
  }
  if (second === undefined || spans.every((span) => toDays(span.value) === toDays(first.value))) return { ok: true, value: first.value };
  if (rest.length === 0 && isRangeBetween(words, first, second)) return { ok: true, value: toDays(second.value) >= toDays(first.value) ? second.value : first.value };
  return { ok: false, reason: INVALID };
}

function readParts(text: string, bareUnit: Unit): ParseResult<Parts> {
  const compact = foldText(text).replace(/\s/g, "").replace(/^["'([]+|[.!?~…,"')\]]+$/g, "");
  const hedged = stripAffixes(compact, { prefixes: PREFIXES, suffixes: SUFFIXES });
  // "한 3개월" is "about 3 months"; "한 달" stays one month.
  const stripped = /^한\d/.test(hedged) ? stripAffixes(hedged.slice(1), { prefixes: PREFIXES, suffixes: SUFFIXES }) : hedged;
  if (ZERO_WORDS.has(normalizeText(text)) || ZERO_WORDS.has(normalizeText(stripped))) return { ok: true, value: emptyParts() };
  const parts = /^\d+$/.test(stripped) ? { ...emptyParts(), [bareUnit]: Number(stripped) } : readComponents(stripped);
  if (parts === undefined) return { ok: false, reason: INVALID };
  const days = toDays(parts);
  if (!Number.isFinite(days) || days > MAX_DAYS) return { ok: false, reason: TOO_LONG };
  return { ok: true, value: parts };
}

function toDays(parts: Parts): number {
  return parts.year * DAYS_PER.year + parts.month * DAYS_PER.month + parts.week * DAYS_PER.week + parts.day * DAYS_PER.day;
}

function emptyParts(): Parts {
  return { year: 0, month: 0, week: 0, day: 0 };
}

function readComponents(text: string): Parts | undefined {
  if (text === "") return undefined;
  const parts = emptyParts();
  let lastRank = Number.POSITIVE_INFINITY;
  let at = 0;
  while (at < text.length) {
    COMPONENT.lastIndex = at;
    const match = COMPONENT.exec(text);
    if (match === null || match[0] === "") return undefined;
    const component = readComponent(match.groups ?? {});
    if (component === undefined || RANK[component.unit] >= lastRank) return undefined;
    parts[component.unit] = component.count;
    lastRank = RANK[component.unit];
    at = COMPONENT.lastIndex;
  }
  return parts;
}

function readComponent(groups: Record<string, string | undefined>): { unit: Unit; count: number } | undefined {
  const { dayWord, arabic, native, half, sino, koUnit, koHalf, enAmount, enUnit, enHalf } = groups;
  if (dayWord !== undefined) {
    const count = DAY_WORDS[dayWord];
    return count === undefined ? undefined : { unit: "day", count };
  }
  if (koUnit !== undefined) {
    const unit = KOREAN_UNITS[koUnit];
    if (unit === undefined) return undefined;
    // Native counts go with 달/해/주 ("두 달"), not 일; Sino ones with 개월/년/주/일 ("삼 개월").
    if (native !== undefined && unit === "day") return undefined;
    if (sino !== undefined && (koUnit === "달" || koUnit === "해")) return undefined;
    const count =
      arabic !== undefined ? Number(arabic)
      : native !== undefined ? NATIVE[native]
      : sino !== undefined ? readSino(sino)
      : half !== undefined && koHalf === undefined ? 0.5
      : undefined;
    return count === undefined ? undefined : { unit, count: count + (koHalf === undefined ? 0 : 0.5) };
  }
  if (enAmount !== undefined && enUnit !== undefined) {
    const unit = ENGLISH_UNITS[enUnit];
    const word = ENGLISH_NUMBERS[enAmount];
    // "an d" and "a y" are words ("and"), not durations.
    if (word !== undefined && enUnit.length === 1) return undefined;
    const count = word ?? Number(enAmount);
    if (unit === undefined || !Number.isFinite(count)) return undefined;
    return { unit, count: count + (enHalf === undefined ? 0 : 0.5) };
  }
  return undefined;
}

function readSino(text: string): number | undefined {
  const parsed = parseSinoNumber(text);
  return parsed.ok ? parsed.value : undefined;
}

