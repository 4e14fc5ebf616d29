import type { ParseResult } from "../types";

const nativeNumbers: Record<string, number> = {
  혼자: 1, 한: 1, 하나: 1, 두: 2, 둘: 2, 세: 3, 셋: 3, 네: 4, 넷: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10,
};

/**
 * A whole number within [min, max] from everyday answers: "3", "3명", "45세", "세 명", "혼자요".
 */
export function parseCount(text: string, min: number, max: number): ParseResult<number> {
  const trimmed = text.trim().replace(/,/g, "");
  const digits = /^(?:만\s*)?(\d{1,7})\s*(?:명|세|살|개월|달|년|개|번|곳|회|점|people|persons?|points?|years?( old)?)?\s*(?:이에요|예요|입니다|이요|요|정도|쯤)?[.!]?$/i.exec(trimmed);
  let value: number | undefined;
  if (digits?.[1] !== undefined) value = Number(digits[1]);
  else {
    const word = /^([가-힣]+?)\s*(?:명|사람|식구)?\s*(?:이에요|예요|입니다|이요|요|서|살아요|살고 있어요)?[.!]?$/.exec(trimmed);
    const native = word?.[1] !== undefined ? nativeNumbers[word[1]] : undefined;
    if (native !== undefined) value = native;
  }
  if (value === undefined || !Number.isSafeInteger(value)) return { ok: false, reason: { key: "engine.error.number", params: { min, max } } };
  if (value < min || value > max) return { ok: false, reason: { key: "engine.error.numberRange", params: { min, max } } };
  return { ok: true, value };
}
