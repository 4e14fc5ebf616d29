import type { Msg, ParseResult } from "../types";
import { foldText, normalizeText } from "./normalize-text";
import { SINO_DIGITS, SINO_PLACES } from "./parse-sino-number";
import { stripAffixes } from "./strip-affixes";

export type ParseAmountOptions = {
  /**
   * What a bare amount (no 만, 억, 원 or "won", below 10,000) is counted in: won (1, the
   * default) or 만원 (10000), for questions where residents answer "350" meaning 350만원.
   */
  bareUnit?: 1 | 10000;
};

/** The most we accept: 1조 won. Anything above is a typo, not a debt. */
export const MAX_MONEY_WON = 1_000_000_000_000;

const MAX_INPUT_LENGTH = 100;
const MAN = 10_000n;
const EOK = 100_000_000n;
const BIG_UNITS: Readonly<Record<string, bigint>> = { 만: MAN, 억: EOK, 조: 1_000_000_000_000n };
const SI_UNITS: Readonly<Record<string, bigint>> = { k: 1000n, m: 1_000_000n, b: 1_000_000_000n };
/** English multiplier words, written as the SI letter they stand for ("2.5 million" → "2.5m"). */
const ENGLISH_MULTIPLIERS: ReadonlyArray<[RegExp, string]> = [[/billion|bn/g, "b"], [/million|mil|mn/g, "m"], [/thousand/g, "k"]];

const INVALID: Msg = { key: "parse.money.invalid" };
const TOO_LARGE: Msg = { key: "parse.money.tooLarge" };
const NEGATIVE: Msg = { key: "parse.money.negative" };

/**
 * Replies that mean "none": the resident owes or earns nothing of this kind. A bare "no" is not
 * one: at "how much?" it is a reflex, not an amount.
 */
const ZERO_WORDS = new Set(
  ["없어요", "없음", "없습니다", "없어", "없다", "없는데요", "없어용", "전혀 없어요", "하나도 없어요", "none", "nothing", "zero", "nil"]
    .map(normalizeText),
);

/**
 * Words around an amount that do not change it. Hedges ("약", "정도", "넘게", "이하") are
 * dropped and the stated figure kept: triage needs the order of magnitude, and asking again
 * would cost more than the hedge is worth. Period words ("월", "매달", "연봉", "a month") are
 * dropped here; parseMoneyPeriod reads them, so the question can convert to its own period.
 */
const PREFIXES = [
  "약", "대략", "대충", "얼추", "거의", "한", "총", "합계", "합쳐서", "다해서", "전부", "모두", "월", "매월", "매달", "한달에", "달에",
  "월급", "월수입", "월소득", "연봉", "연소득", "연수입", "연", "1년에", "일년에", "한해에", "매년", "1년동안", "일년동안",
  "about", "around", "approx", "approximately", "roughly", "almost", "nearly", "over", "under",
];
const SUFFIXES = [
  "정도", "쯤", "가량", "남짓", "내외", "안팎", "넘게", "넘음", "넘어요", "넘습니다", "이상", "이하", "미만", "좀", "조금", "더", "씩",
  "요", "이요", "이에요", "예요", "입니다", "임", "이야", "있어요", "있습니다", "있음", "받아요", "벌어요", "돼요", "됩니다", "되요",
  "ish", "ormore", "orso", "amonth", "permonth", "monthly", "ayear", "peryear", "yearly", "annually", "/month", "/mo", "/year", "/yr",
];

type Amount = { mantissa: bigint; scale: number; sino: boolean };
type Token =
  | { kind: "number"; amount: Amount }
  | { kind: "place"; value: bigint }
  | { kind: "big"; value: bigint }
  | { kind: "si"; value: bigint }
  | { kind: "won" };

const ARABIC = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/y;

/**
 * Reads one amount of money, the whole text being that amount, and returns whole won: "1억 2천"
 * → 120,000,000, "350만원" → 3,500,000, "오십만원", "천이백만 원", "1,200,000원", "1.5억",
 * "500k", "2.5 million", "1.2 billion won", "KRW 500000"; "없어요" and "none" → 0. A group
 * after 억 with no 만 and no 원 is counted in 만 ("1억 2천" → 1억 2천만), because that is how
 * people say it; with 원 it is read as written ("1억 6789원"), as the 원 shows the resident is
 * being exact. Never throws; anything else, negative or above 1조 is a reason to ask again.
 * Amounts inside a sentence, ranges and "빚 없어요" are parseMoney's.
 */
export function parseAmount(text: string, options: ParseAmountOptions = {}): ParseResult<number> {
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: INVALID };
  if (ZERO_WORDS.has(normalizeText(text))) return { ok: true, value: 0 };
  const folded = foldText(text);
  if (/^(?:-|마이너스)\s*\d/.test(folded)) return { ok: false, reason: NEGATIVE };
  const compact = folded
    .replace(/(\d)(?:\s+|,\s+)(?=\d)/g, "$1|") // "1 200" and "100, 200" are two numbers, not 1200
    .replace(/\s/g, "")
    .replace(/^["'([]+|[.!?~…"')\]]+$/g, "");
  const { text: bare, currency } = stripCurrency(stripAffixes(compact, { prefixes: PREFIXES, suffixes: SUFFIXES }));
  const words = ENGLISH_MULTIPLIERS.reduce((rest, [word, letter]) => rest.replace(word, letter), stripAffixes(bare, { prefixes: PREFIXES, suffixes: SUFFIXES }));
  const tokens = tokenize(words);
  if (tokens === undefined) return { ok: false, reason: INVALID };
  const won = evaluate(tokens, currency, options.bareUnit ?? 1);
  if (won === undefined) return { ok: false, reason: INVALID };
  if (won > BigInt(MAX_MONEY_WON)) return { ok: false, reason: TOO_LARGE };
  return { ok: true, value: Number(won) };
}

function stripCurrency(text: string): { text: string; currency: boolean } {
  const rest = text.replace(/^(?:krw|₩)/, "").replace(/(?:krw|won)$/, "");
  return { text: rest, currency: rest !== text };
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    ARABIC.lastIndex = at;
    const arabic = ARABIC.exec(text);
    if (arabic !== null) {
      tokens.push({ kind: "number", amount: toAmount(arabic[0]) });
      at = ARABIC.lastIndex;
      continue;
    }
    const char = text.charAt(at);
    const sino = SINO_DIGITS[char];
    const place = SINO_PLACES[char];
    const big = BIG_UNITS[char];
    const si = SI_UNITS[char];
    if (sino !== undefined) tokens.push({ kind: "number", amount: { mantissa: BigInt(sino), scale: 0, sino: true } });
    else if (place !== undefined) tokens.push({ kind: "place", value: BigInt(place) });
    else if (big !== undefined) tokens.push({ kind: "big", value: big });
    else if (si !== undefined) tokens.push({ kind: "si", value: si });
    else if (char === "원") tokens.push({ kind: "won" });
    else return undefined;
    at += 1;
  }
  return tokens;
}

function toAmount(digits: string): Amount {
  const [whole = "", fraction = ""] = digits.replace(/,/g, "").split(".");
  return { mantissa: BigInt(whole + fraction), scale: fraction.length, sino: false };
}

/** amount × unit, or undefined when that is not a whole number of won. */
function times(amount: Amount, unit: bigint): bigint | undefined {
  const product = amount.mantissa * unit;
  const divisor = 10n ** BigInt(amount.scale);
  return product % divisor === 0n ? product / divisor : undefined;
}

function isBelow(amount: Amount, limit: bigint): boolean {
  return amount.mantissa < limit * 10n ** BigInt(amount.scale);
}

/**
 * Korean numbers are groups of up to four places (천, 백, 십, ones) closed by a big unit (조, 억,
 * 만). Walks the tokens keeping the running total, the open group, and the pending number.
 */
function evaluate(tokens: Token[], currency: boolean, bareUnit: 1 | 10000): bigint | undefined {
  let total = 0n;
  let group = 0n;
  let pending: Amount | undefined;
  let lastPlace: bigint | undefined;
  let lastBig: bigint | undefined;
  let wonToken = false;
  let sawPlace = false;
  let closed = false;
  let sawAmount = false;
  for (const token of tokens) {
    if ((wonToken || closed) && token.kind !== "won") return undefined;
    if (token.kind !== "won") sawAmount = true;
    switch (token.kind) {
      case "number":
        if (pending !== undefined) return undefined;
        pending = token.amount;
        break;
      case "place": {
        const coefficient = pending ?? { mantissa: 1n, scale: 0, sino: true };
        if (coefficient.mantissa === 0n || !isBelow(coefficient, 10n)) return undefined;
        if (lastPlace !== undefined && token.value >= lastPlace) return undefined;
        const term = times(coefficient, token.value);
        if (term === undefined) return undefined;
        group += term;
        lastPlace = token.value;
        pending = undefined;
        sawPlace = true;
        break;
      }
      case "big": {
        if (lastBig !== undefined && token.value >= lastBig) return undefined;
        const bare = group === 0n && pending === undefined;
        if (bare && lastBig !== undefined) return undefined; // "1억만"
        const tail = pending === undefined ? 0n : times(pending, token.value);
        if (tail === undefined) return undefined;
        const value = bare ? token.value : group * token.value + tail;
        if (lastBig !== undefined && value >= lastBig) return undefined; // "1억 12000만"
        total += value;
        group = 0n;
        pending = undefined;
        lastPlace = undefined;
        lastBig = token.value;
        break;
      }
      case "si": {
        if (pending === undefined || pending.sino || group !== 0n || lastBig !== undefined) return undefined;
        const value = times(pending, token.value);
        if (value === undefined) return undefined;
        total += value;
        pending = undefined;
        closed = true;
        break;
      }
      case "won":
        if (wonToken || currency) return undefined;
        wonToken = true;
        break;
    }
  }
  if (!sawAmount) return undefined;
  if (group === 0n && pending === undefined) return total;
  const sawWon = wonToken || currency;
  // A lone Hangul digit ("이", "오") is more likely a word than an amount.
  if (pending?.sino === true && !sawPlace && lastBig === undefined && !sawWon) return undefined;
  const scale = pending?.scale ?? 0;
  const groupBelow10000 = group * 10n ** BigInt(scale) + (pending?.mantissa ?? 0n) < MAN * 10n ** BigInt(scale);
  const multiplier =
    lastBig === EOK && !sawWon ? MAN
    : lastBig === undefined && !sawWon && !closed && bareUnit === 10000 && groupBelow10000 ? MAN
    : 1n;
  const tail = pending === undefined ? 0n : times(pending, multiplier);
  if (tail === undefined) return undefined;
  const value = group * multiplier + tail;
  if (lastBig !== undefined && value >= lastBig) return undefined; // "350만 20000"
  return total + value;
}
