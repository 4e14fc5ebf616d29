import type { ParseResult } from "../types";

/**
 * Reads a Sino-Korean number below 10,000 written in Hangul ("이십" → 20, "백오" → 105,
 * "삼천오백" → 3500). A place word without a digit means one of it ("십일" → 11).
 */
export function parseSinoNumber(text: string): ParseResult<number> {
  const match = SINO_NUMBER.exec(text);
  if (text === "" || match === null) return { ok: false, reason: { key: "parse.number.invalid" } };
  let value = 0;
  for (let group = 1; group <= 5; group += 2) {
    const place = match[group + 1];
    if (place === undefined) continue;
    const digit = match[group];
    value += (digit === undefined ? 1 : (SINO_DIGITS[digit] ?? 0)) * (SINO_PLACES[place] ?? 0);
  }
  const ones = match[7];
  if (ones !== undefined) value += SINO_DIGITS[ones] ?? 0;
  return { ok: true, value };
}

/** Sino-Korean digits, as written in amounts and counts ("삼백오십", "오십만"). */
export const SINO_DIGITS: Readonly<Record<string, number>> = {
  일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 칠: 7, 팔: 8, 구: 9,
};

/** Sino-Korean place words below 만. */
export const SINO_PLACES: Readonly<Record<string, number>> = { 십: 10, 백: 100, 천: 1000 };

const SINO_NUMBER = /^(?:([일이삼사오육칠팔구])?(천))?(?:([일이삼사오육칠팔구])?(백))?(?:([일이삼사오육칠팔구])?(십))?([일이삼사오육칠팔구])?$/;
