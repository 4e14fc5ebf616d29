import type { Lang } from "../types";

const MAN = 10_000;
const EOK = 100_000_000;

/**
 * Writes whole won the way people say it, for messages: in Korean by 억 and 만 with thousands
 * commas (12,000,000 → "1,200만원", 120,000,000 → "1억 2,000만원", 350,000 → "35만원",
 * 5,000 → "5,000원");
 * in English in millions or billions of won ("12 million won", "1.2 billion won",
 * "350,000 won"). Negative or fractional input is written as its whole absolute value.
 */
export function formatWon(won: number, lang: Lang): string {
  const whole = Math.abs(Math.trunc(Number.isFinite(won) ? won : 0));
  return lang === "ko" ? formatKorean(whole) : formatEnglish(whole);
}

function formatKorean(won: number): string {
  const eok = Math.floor(won / EOK);
  const man = Math.floor((won % EOK) / MAN);
  const rest = won % MAN;
  const parts = [eok > 0 ? `${group(eok)}억` : "", man > 0 ? `${group(man)}만` : "", rest > 0 ? group(rest) : ""].filter((p) => p !== "");
  return parts.length === 0 ? "0원" : `${parts.join(" ")}원`;
}

function formatEnglish(won: number): string {
  if (won >= 1_000_000_000) return `${decimal(won / 1_000_000_000)} billion won`;
  if (won >= 1_000_000) return `${decimal(won / 1_000_000)} million won`;
  return `${group(won)} won`;
}

/** Up to two decimals, without trailing zeros: 12 → "12", 2.5 → "2.5", 12.345 → "12.35". */
function decimal(value: number): string {
  const cents = Math.round(value * 100);
  const fraction = cents % 100;
  const digits = fraction === 0 ? "" : `.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
  return group(Math.floor(cents / 100)) + digits;
}

function group(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
