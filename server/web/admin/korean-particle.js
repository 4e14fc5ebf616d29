// Korean particles for strings the admin pages fill in the browser ("버전 {{version, 을/를}}"):
// the same rules as bot/i18n/korean-particle.ts, which the server's message format uses, and
// checked against the same examples (test/fixtures/i18n/message-format-cases.ts) in Chromium.

const PAIRS = ["을/를", "이/가", "은/는", "과/와", "이에요/예요", "으로/로", "이나/나", "이라/라", "이어서/여서", "이고/고"];
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** The final consonant index of ㄹ in a Hangul syllable. */
const RIEUL = 8;
/** How a digit ends when read as Sino-Korean: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구. */
const DIGIT_ENDING = { 0: "consonant", 1: "rieul", 2: "vowel", 3: "consonant", 4: "vowel", 5: "vowel", 6: "consonant", 7: "rieul", 8: "rieul", 9: "vowel" };
/** Latin letters as Koreans read them: L 엘, M 엠, N 엔, R 알 end in a consonant; the rest in a vowel. */
const LETTER_ENDING = { l: "rieul", m: "consonant", n: "consonant", r: "rieul" };

/** Whether `format` names a particle pair such as "을/를". */
export function isParticlePair(format) {
  return PAIRS.includes(format);
}

/** `word` followed by the particle of `pair` that fits how it ends when read aloud. */
export function withParticle(word, pair) {
  const [afterConsonant = "", afterVowel = ""] = pair.split("/");
  const ending = endingOf(word);
  if (pair === "으로/로") return word + (ending === "consonant" ? afterConsonant : afterVowel);
  return word + (ending === "vowel" ? afterVowel : afterConsonant);
}

function endingOf(word) {
  // The last letter or digit decides; brackets, quotes and punctuation after it do not.
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

/** "10", "20" … are read 십, 이십 (ㅂ); "100" 백 (ㄱ), "1000" 천 (ㄴ), "10000" 만 (ㄴ): a final consonant. */
function endsInTen(word) {
  const digits = /(\d+)\D*$/.exec(word)?.[1] ?? "";
  return digits.length > 1 && digits.endsWith("0");
}
