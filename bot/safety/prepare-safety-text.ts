import { foldText } from "../parse/normalize-text";

/** How much of a long message is read: its first 2,000 and its last 500 characters. */
export const SAFETY_SCAN_HEAD = 2000;
export const SAFETY_SCAN_TAIL = 500;

/**
 * Marks the cut between the head and the tail: no rule matches across it. Folding turns every
 * typed line break into a space, so this one can only be the cut.
 */
export const SEGMENT_BREAK = "\n";

/**
 * A message in the three forms the rules read. `folded` is the text the evidence is cut from;
 * `compact` and `words` are the forms the rules match, with, for each of their UTF-16 units,
 * the offset in `folded` it came from.
 */
export type SafetyText = {
  folded: string;
  /** Letters and digits only, a run of one letter squeezed to one: "죽 고 싶 어!!" → "죽고싶어". */
  compact: string;
  compactAt: number[];
  /** Whether the compact unit began a word of what was typed (after a space, punctuation or emoji). */
  compactWordStart: boolean[];
  /** Letters, digits and apostrophes in words one space apart, letters squeezed within a word. */
  words: string;
  wordsAt: number[];
};

const FORMAT_CHARACTERS = /\p{Cf}/gu;
const APOSTROPHES = /[\u2018\u2019\u201b\u2032\u0060\u00b4]/g;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;
const HANGUL_SYLLABLES = [0xac00, 0xd7a3] as const;

/**
 * Prepares a typed message for the safety rules: zero-width and other format characters
 * dropped, curly apostrophes made straight, then folded like every reply (NFKC, lower case,
 * emoji and ㅋㅋ/ㅠㅠ dropped, spaces collapsed). A message longer than the head is read as
 * its head and its tail only, so the work per message is bounded whatever is pasted.
 */
export function prepareSafetyText(text: string): SafetyText {
  const folded = toSafetyScanSegments(text)
    .map((segment, index) => {
      const plain = foldText(segment.replace(FORMAT_CHARACTERS, "").replace(APOSTROPHES, "'"));
      // NFKC can lengthen a segment ("㍿" is four letters): cap it again after folding.
      return index === 0 ? plain.slice(0, SAFETY_SCAN_HEAD) : plain.slice(-SAFETY_SCAN_TAIL);
    })
    .join(SEGMENT_BREAK);
  const compact = new FormBuilder();
  const words = new FormBuilder();
  const compactWordStart: boolean[] = [];
  let inWord = false;
  for (let at = 0; at < folded.length; ) {
    const char = String.fromCodePoint(folded.codePointAt(at) ?? 0);
    if (char === SEGMENT_BREAK) {
      compact.push(char, at);
      compactWordStart.push(true);
      words.push(char, at);
      inWord = false;
    } else if (isLetterOrDigit(char) || (char === "'" && inWord)) {
      const letter = char !== "'" && isLetter(char);
      if (char !== "'" && !(letter && compact.last === char)) {
        compact.push(char, at);
        for (let unit = 0; unit < char.length; unit++) compactWordStart.push(!inWord);
      }
      if (!inWord && words.last !== "" && words.last !== SEGMENT_BREAK) words.push(" ", at);
      if (!(letter && inWord && words.last === char)) words.push(char, at);
      inWord = true;
    } else inWord = false;
    at += char.length;
  }
  return { folded, compact: compact.text(), compactAt: compact.at, compactWordStart, words: words.text(), wordsAt: words.at };
}

/** Whether a character is a letter: Hangul syllables and ASCII first, Unicode's tables for the rest. */
function isLetter(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code >= HANGUL_SYLLABLES[0] && code <= HANGUL_SYLLABLES[1]) return true;
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return LETTER.test(char);
}

function isLetterOrDigit(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || isLetter(char);
  return isLetter(char) || LETTER_OR_DIGIT.test(char);
}

/** A form built one character at a time, with each UTF-16 unit's offset in the folded text. */
class FormBuilder {
  readonly at: number[] = [];
  last = "";
  private readonly chars: string[] = [];

  push(char: string, offset: number): void {
    this.chars.push(char);
    for (let unit = 0; unit < char.length; unit++) this.at.push(offset + unit);
    this.last = char;
  }

  text(): string {
    return this.chars.join("");
  }
}

/** The parts of a message that are read: all of it, or its head and its tail when it is long. */
export function toSafetyScanSegments(text: string): string[] {
  if (text.length <= SAFETY_SCAN_HEAD) return [text];
  return [text.slice(0, SAFETY_SCAN_HEAD), text.slice(-SAFETY_SCAN_TAIL)];
}
