import type { SafetySignal } from "./detect-safety-signals";

/**
 * One pattern of the safety detector. Korean rules read the compact form of a message (no
 * spaces, punctuation or emoji, repeated letters squeezed: "죽 고 싶 어" reads "죽고싶어");
 * English rules read the word form (single spaces kept, repeated letters squeezed, every space
 * in the pattern optional: "killl myself" and "killmyself" read like "kill myself").
 */
export type SafetyRule = {
  signal: SafetySignal;
  form: "compact" | "words";
  pattern: RegExp;
  /**
   * Short Korean keywords hide inside other words once spaces are gone ("혼자 살아요" holds
   * 자살, "같이 가자 해서" holds 자해). "word-start": the match must begin a typed word.
   * "no-straddle": a match that begins inside a word must not run past that word's end.
   */
  guard?: "word-start" | "no-straddle";
};

/** Collapses runs of one repeated letter ("dieeee" → "die", "kill" → "kil"); digits stay. */
export function squeezeLetters(text: string): string {
  return text.replace(/(\p{L})\1+/gu, "$1");
}

/** A rule over the compact Korean form; the source is squeezed the way the text is. */
export function koreanRule(signal: SafetySignal, source: string, guard?: SafetyRule["guard"]): SafetyRule {
  assertNoEscapes(source);
  return { signal, form: "compact", pattern: new RegExp(squeezeLetters(source), "g"), ...(guard === undefined ? {} : { guard }) };
}

/**
 * A rule over the English word form, written as plain lower-case words: letters are squeezed
 * like the text, each space becomes optional and the whole pattern must sit on word boundaries.
 */
export function englishRule(signal: SafetySignal, source: string): SafetyRule {
  assertNoEscapes(source);
  const body = squeezeLetters(source).replaceAll(" ", " ?");
  return { signal, form: "words", pattern: new RegExp(`\\b(?:${body})\\b`, "g") };
}

/** Squeezing letters would corrupt an escape ("\\bb" → "\\b"), so rule sources hold none. */
function assertNoEscapes(source: string): void {
  if (source.includes("\\")) throw new Error(`safety patterns take no backslash escapes: ${source}`);
}
