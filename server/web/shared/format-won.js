// @ts-check
// The browser twin of bot/parse/format-won.ts: whole won as people say them ("3,000만원",
// "1억 2,000만원"; "30 million won"). test/unit/i18n/browser-format-message.test.ts holds both to
// the same answers.

const MAN = 10_000;
const EOK = 100_000_000;

/**
 * @param {number} won
 * @param {"ko" | "en"} lang
 * @returns {string}
 */
export function formatWon(won, lang) {
  const whole = Math.abs(Math.trunc(Number.isFinite(won) ? won : 0));
  return lang === "ko" ? formatKorean(whole) : formatEnglish(whole);
}

/** @param {number} won */
function formatKorean(won) {
  const eok = Math.floor(won / EOK);
  const man = Math.floor((won % EOK) / MAN);
  const rest = won % MAN;
  const parts = [eok > 0 ? `${group(eok)}억` : "", man > 0 ? `${group(man)}만` : "", rest > 0 ? group(rest) : ""].filter((p) => p !== "");
  return parts.length === 0 ? "0원" : `${parts.join(" ")}원`;
}

/** @param {number} won */
function formatEnglish(won) {
  if (won >= 1_000_000_000) return `${decimal(won / 1_000_000_000)} billion won`;
  if (won >= 1_000_000) return `${decimal(won / 1_000_000)} million won`;
  return `${group(won)} won`;
}

/** Up to two decimals, without trailing zeros. @param {number} value */
function decimal(value) {
  const cents = Math.round(value * 100);
  const fraction = cents % 100;
  const digits = fraction === 0 ? "" : `.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
  return group(Math.floor(cents / 100)) + digits;
}

/** @param {number} value */
function group(value) {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
