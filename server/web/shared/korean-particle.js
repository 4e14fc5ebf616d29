// @ts-check
// The browser twin of bot/i18n/korean-particle.ts: the particle that fits how a word ends when
// read aloud ("사전채무조정을", "버전 2를"). test/unit/i18n/browser-format-message.test.ts holds
// both to the same answers.

/** @typedef {"vowel" | "consonant" | "rieul"} Ending */

export const PARTICLE_PAIRS = ["을/를", "이/가", "은/는", "과/와", "이에요/예요", "으로/로", "이나/나", "이라/라", "이어서/여서", "이고/고"];

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** The final consonant index of ㄹ in a Hangul syllable. */
const RIEUL = 8;

/** How a digit ends when read as Sino-Korean (영 일 이 삼 사 오 육 칠 팔 구). @type {Record<string, Ending>} */
const DIGIT_ENDING = {
  "0": "consonant", "1": "rieul", "2": "vowel", "3": "consonant", "4": "vowel", "5": "vowel", "6": "consonant", "7": "rieul", "8": "rieul", "9": "vowel",
};
/** Latin letters as Koreans read them: L 엘, M 엠, N 엔, R 알. @type {Record<string, Ending>} */
const LETTER_ENDING = { l: "rieul", m: "consonant", n: "consonant", r: "rieul" };

/**
 * The particle of `pair` ("을/를") that follows `word`.
 * @param {string} word
 * @param {string} pair
 */
export function pickParticle(word, pair) {
  const [afterConsonant = "", afterVowel = ""] = pair.split("/");
  const ending = endingOf(word);
  if (pair === "으로/로") return ending === "consonant" ? afterConsonant : afterVowel;
  return ending === "vowel" ? afterVowel : afterConsonant;
}

/** @param {string} value */
export function isParticlePair(value) {
  return PARTICLE_PAIRS.includes(value);
}

/**
 * @param {string} word
 * @returns {Ending}
 */
function endingOf(word) {
  const last = [...word].reverse().find((char) => /[\p{L}\p{N}]/u.test(char));
  if (last === undefined) return "vowel";
  const code = last.codePointAt(0) ?? 0;
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const final = (code - HANGUL_FIRST) % 28;
    return final === 0 ? "vowel" : final === RIEUL ? "rieul" : "consonant";
  }
  if (/[0-9]/.test(last)) return endsInTen(word) ? "consonant" : DIGIT_ENDING[last] ?? "vowel";
  return LETTER_ENDING[last.toLowerCase()] ?? "vowel";
}

/** "10", "100", "1000" … end in a consonant (십, 백, 천, 만). @param {string} word */
function endsInTen(word) {
  const digits = /(\d+)\D*$/.exec(word)?.[1] ?? "";
  return digits.length > 1 && digits.endsWith("0");
}
