import type { Msg, ParseResult } from "../types";
import { foldText } from "./normalize-text";
import type { ParseAmountOptions } from "./parse-amount";
import { MAX_MONEY_WON, parseAmount } from "./parse-amount";
import type { WordSpan } from "./scan-word-spans";
import { isRangeBetween, RANGE_WORDS, scanWordSpans, splitRangeWords } from "./scan-word-spans";
import { stripAffixes } from "./strip-affixes";

export type ParseMoneyOptions = ParseAmountOptions;
/** The period a figure is stated in: "한 달에 290만원" is monthly, "연봉 3600" yearly. */
export type MoneyPeriod = "month" | "year";

const MAX_INPUT_LENGTH = 100;
const INVALID: Msg = { key: "parse.money.invalid" };
const TOO_LARGE: Msg = { key: "parse.money.tooLarge" };
const NEGATIVE: Msg = { key: "parse.money.negative" };
const SEVERAL: Msg = { key: "parse.money.several" };

/** What follows an amount in a sentence and does not change it: "3천이고", "1200만원은", "300쯤 돼요". */
const PARTICLES = [
  "이고", "이라", "이라서", "인데", "인데요", "이니까", "이면", "이며", "이랑", "랑", "하고", "은", "는", "이", "가", "을", "를", "에",
  "도", "만큼", "까지", "씩", "돼요", "됩니다", "되요", "됨", "정도", "쯤", "이나", "나", "요", "예요", "이에요", "입니다", "밖에", "가량",
];
/** "빚 없어요", "소득이 하나도 없어요", "no income": nothing of this kind. */
const NONE = /없어|없음|없습|없다|없는|없었|없고|한\s*푼도|안\s*벌|못\s*벌|\bnone\b|\bnothing\b|\bzero\b|\bno\s+(?:income|debts?|money|earnings|loans?|savings)\b|\bdon'?t\s+(?:earn|have\s+any)\b/;
/** "얼마 없어요" is "not much", not "none": ask again rather than write 0. */
const NOT_NONE = /얼마|별로|거의|많이|많지|조금|좀|약간|몇|not\s+much|hardly|barely|little/;

const MONTHLY =
  /한\s*달|매\s*달|매\s*월|달마다|다달이|월\s*(?:급|수입|소득|평균|세후|세전)|(?<![\d일이삼사오육칠팔구십])월\s*(?=[\d일이삼사오육칠팔구십백천])|\ba\s+month\b|\bper\s+month\b|\bmonthly\b|\beach\s+month\b|\bevery\s+month\b|\/\s*mo(?:nth)?\b/;
const YEARLY =
  /(?:1|일|한)\s*년\s*(?:에|간|동안|치|으로|이면)|한\s*해|매\s*년|해마다|작년|올해|연\s*(?:봉|소득|수입|간)|(?<![가-힣\d])연\s*(?=\d)|\ba\s+year\b|\bper\s+year\b|\byearly\b|\bannual(?:ly)?\b|\beach\s+year\b|\bevery\s+year\b|\bper\s+annum\b|\/\s*y(?:ea)?r\b/;

/**
 * Reads the amount a resident gives, alone or inside a sentence, in whole won.
 * - Alone, as parseAmount: "350만원", "1억 2천", "2.5 million", "300k"; at a question whose bare
 *   numbers are 만원, "350" → 350만원.
 * - In a sentence, the one amount it holds: "대충 1200만원 돼요", "한 달에 290만원쯤 들어와요",
 *   "빚이 3천 정도 있어요", "around 9 million won, I think". Two different amounts ("카드 300
 *   대출 500") are a reason to ask for one total, never a guess.
 * - A hedge keeps the stated figure ("300 정도", "300쯤", "약 300", "300 넘게" → 300).
 * - A range ("200에서 250 사이", "200~250만원", "3천 내지 4천", "2 or 3 million") takes its
 *   midpoint, rounded to the nearest 만원 (225만원): the resident's best single guess, neither
 *   end favoured. A bare lower end takes the upper end's unit ("2~3천" is 2천~3천).
 * - "0", "없어요", "빚 없어요", "소득이 하나도 없어요", "no income" → 0; "얼마 없어요" ("not much")
 *   asks again.
 * The period the figure is stated in is parseMoneyPeriod's. Never throws.
 */
export function parseMoney(text: string, options: ParseMoneyOptions = {}): ParseResult<number> {
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: INVALID };
  const folded = foldText(text).replace(/[’‘`´]/g, "'");
  const whole = hasHangulDigitWord(folded.split(" ")) ? { ok: false as const, reason: INVALID } : parseAmount(text, options);
  if (whole.ok || whole.reason.key !== INVALID.key) return whole;
  if (/(?:^|\s)(?:-|마이너스)\s*\d/.test(folded)) return { ok: false, reason: NEGATIVE };
  const words = splitRangeWords(folded);
  const spans = scanWordSpans(words, (span) => readSpan(span, options));
  if (spans.length === 0) {
    return !/\d/.test(folded) && NONE.test(folded) && !NOT_NONE.test(folded) ? { ok: true, value: 0 } : { ok: false, reason: INVALID };
  }
  if (spans.some((span) => span.value === "tooLarge")) return { ok: false, reason: TOO_LARGE };
  const amounts = spans.flatMap((span) => (span.value === "tooLarge" ? [] : [{ ...span, value: span.value }]));
  const [first, second, ...rest] = amounts;
  if (first === undefined) return { ok: false, reason: INVALID };
  if (second === undefined || amounts.every((span) => span.value === first.value)) return { ok: true, value: first.value };
  if (rest.length === 0 && isRangeBetween(words, first, second)) return { ok: true, value: midpoint(withUnitOf(first, second, options), second.value) };
  return { ok: false, reason: SEVERAL };
}

/**
 * The period a figure is stated in, from the words around it: "한 달에", "월 100", "매달",
 * "월급", "a month", "monthly" → month; "1년에", "연봉", "연 3600", "작년", "a year",
 * "annual" → year; none or both → undefined. "3월에" is a date, not a period.
 */
export function parseMoneyPeriod(text: string): MoneyPeriod | undefined {
  if (text.length > MAX_INPUT_LENGTH) return undefined;
  const folded = foldText(text).replace(/[’‘`´]/g, "'");
  const monthly = MONTHLY.test(folded);
  const yearly = YEARLY.test(folded);
  if (monthly === yearly) return undefined;
  return monthly ? "month" : "year";
}

function readSpan(text: string, options: ParseMoneyOptions): number | "tooLarge" | undefined {
  if (text.split(" ").some((word) => RANGE_WORDS.has(word))) return undefined;
  const words = text.split(" ").map((word) => (/[\d천백만억원]/.test(word) ? stripAffixes(word, { suffixes: PARTICLES }) : word));
  if (hasHangulDigitWord(words)) return undefined;
  const bare = words.join(" ");
  if (!/[\d일이삼사오육칠팔구십백천만억]/.test(bare)) return undefined;
  const amount = parseAmount(bare, options);
  if (amount.ok) return amount.value;
  return amount.reason.key === TOO_LARGE.key ? "tooLarge" : undefined;
}

/** "사이", "이", "오": words made of Hangul digits alone, with no 십, 백 or 천, are words, not amounts. */
function hasHangulDigitWord(words: readonly string[]): boolean {
  return words.length > 1 && words.some((word) => /^[일이삼사오육칠팔구]+$/.test(stripAffixes(word, { suffixes: PARTICLES })));
}

/** "2~3천": the lower end written without its unit borrows the upper end's ("2천"). */
function withUnitOf(low: WordSpan<number>, high: WordSpan<number>, options: ParseMoneyOptions): number {
  if (!/^\d+(?:\.\d+)?$/.test(low.text.trim())) return low.value;
  const unit = high.text.trim().replace(/^[\d.,\s]+/, "");
  if (unit === "" || unit === high.text.trim()) return low.value;
  const borrowed = parseAmount(`${low.text.trim()}${unit}`, options);
  return borrowed.ok ? borrowed.value : low.value;
}

/** The middle of a range, to the nearest 만원 (to the won below 만원). */
function midpoint(a: number, b: number): number {
  const middle = (a + b) / 2;
  const step = middle >= 10_000 ? 10_000 : 1;
  return Math.min(MAX_MONEY_WON, Math.round(middle / step) * step);
}
