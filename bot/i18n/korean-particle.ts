/**
 * Korean particles chosen by how the word before them ends when read aloud: 을/를, 이/가, 은/는,
 * 과/와, 이에요/예요, 으로/로, 이나/나, 이라/라. The first form follows a final consonant (받침), the
 * second a vowel; 으로/로 also takes 로 after ㄹ. Digits and Latin letters are read the Korean way
 * ("버전 2를", "PCE-CTX를", "L을").
 */
export const PARTICLE_PAIRS = ["을/를", "이/가", "은/는", "과/와", "이에요/예요", "으로/로", "이나/나", "이라/라", "이어서/여서", "이고/고"] as const;
export type ParticlePair = (typeof PARTICLE_PAIRS)[number];

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** The final consonant index of ㄹ in a Hangul syllable. */
const RIEUL = 8;

/** How a digit ends when read as Sino-Korean: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구. */
const DIGIT_ENDING: Record<string, Ending> = {
  "0": "consonant", "1": "rieul", "2": "vowel", "3": "consonant", "4": "vowel", "5": "vowel", "6": "consonant", "7": "rieul", "8": "rieul", "9": "vowel",
};
/** Latin letters as Koreans read them: L 엘, M 엠, N 엔, R 알 end in a consonant; the rest in a vowel. */
const LETTER_ENDING: Record<string, Ending> = { l: "rieul", m: "consonant", n: "consonant", r: "rieul" };

type Ending = "vowel" | "consonant" | "rieul";

/** The particle of `pair` that follows `word`. */
export function pickParticle(word: string, pair: ParticlePair): string {
  const [afterConsonant = "", afterVowel = ""] = pair.split("/");
  const ending = endingOf(word);
  if (pair === "으로/로") return ending === "consonant" ? afterConsonant : afterVowel;
  return ending === "vowel" ? afterVowel : afterConsonant;
}

export function isParticlePair(value: string): value is ParticlePair {
  return PARTICLE_PAIRS.some((pair) => pair === value);
}

function endingOf(word: string): Ending {
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
function endsInTen(word: string): boolean {
  const digits = /(\d+)\D*$/.exec(word)?.[1] ?? "";
  return digits.length > 1 && digits.endsWith("0");
}
