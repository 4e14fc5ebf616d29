/** Jamo typed as laughter or tears (ㅋㅋ, ㅎㅎ, ㅠㅠ, ㅜㅜ, ㅡㅡ): tone, never content. */
const EMOTICON_JAMO = /[ㅋㅎㅠㅜㅡ]+/g;
/** Emoji, their skin tones and joiners, variation selectors, keycaps, and invisible spaces. */
const EMOJI_AND_INVISIBLES =
  /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\p{Variation_Selector}|\u20e3|\u200d|[\u200b\u200c\u2060\ufeff]/gu;

/**
 * Reduces a reply to the letters and digits that carry its meaning, so "네!", "네 ㅠㅠ" and
 * "ＹＥＳ" compare equal to "네" and "yes": NFKC (full-width and circled forms become plain),
 * lower case, and no spaces, punctuation, symbols or emoji.
 */
export function normalizeText(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * The gentler half of normalizeText: NFKC, lower case, emoji and emoticon jamo dropped and
 * whitespace collapsed, but punctuation kept, for parsers that read commas, dots and hyphens.
 * Emoticon jamo go before NFKC, which would otherwise compose "ㅎㅠ" into the syllable "휴".
 */
export function foldText(text: string): string {
  return text
    .replace(EMOTICON_JAMO, " ")
    .replace(EMOJI_AND_INVISIBLES, " ")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
