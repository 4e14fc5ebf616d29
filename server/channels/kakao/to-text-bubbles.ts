/** Kakao folds a simpleText past 500 characters behind "전체 보기"; we stay under it when we can. */
export const SOFT_TEXT_MAX = 480;
/** The hard limit of one simpleText. */
export const HARD_TEXT_MAX = 1000;
export const ELLIPSIS = "…";

const PARAGRAPH = "\n\n";
const SENTENCE_ENDS = /[.!?。]["'”’)\]]*(?=\s|$)/g;

/**
 * Paragraphs as at most `maxBubbles` simpleText bodies: each under 500 characters when that fits
 * (long paragraphs split at a paragraph, line or space boundary), else packed up to 1000 per
 * bubble, and if even that overflows the last bubble ends with "…". With `firstMax`, the first
 * bubble holds only the leading paragraphs (or sentences) that fit in it when the bubbles allow
 * (what shows before scrolling stays short). Lengths are UTF-16 units, which never undercount what Kakao counts.
 */
export function toTextBubbles(paragraphs: string[], maxBubbles: number, firstMax?: number): string[] {
  const kept = paragraphs.map((p) => p.trim()).filter((p) => p.length > 0);
  if (kept.length === 0 || maxBubbles < 1) return [];
  const soft = pack(kept.flatMap((p) => splitText(p, SOFT_TEXT_MAX)), SOFT_TEXT_MAX);
  const short = firstMax === undefined ? undefined : withShortFirst(kept, soft, firstMax);
  if (short !== undefined && short.length <= maxBubbles) return short;
  if (soft.length <= maxBubbles) return soft;
  const hard = pack(kept.flatMap((p) => splitText(p, HARD_TEXT_MAX)), HARD_TEXT_MAX);
  if (hard.length <= maxBubbles) return hard;
  const head = hard.slice(0, maxBubbles - 1);
  const rest = hard.slice(maxBubbles - 1).join(PARAGRAPH);
  return [...head, cutText(rest, HARD_TEXT_MAX)];
}

/** Splits one text into pieces of at most `max` units at the best boundary before the limit. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const at = boundaryBefore(rest, max);
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/**
 * Shortens a text to at most `max` units, ending in "…" when something was cut: at a space when
 * one falls in the last third, so a word is not broken.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const space = text.lastIndexOf(" ", room);
  const at = space >= (room * 2) / 3 ? space : safeIndex(text, room);
  return `${text.slice(0, at).trimEnd()}${ELLIPSIS}`;
}

/**
 * The soft packing again with a first bubble of at most `firstMax`: the leading paragraphs that
 * fit (of a longer first paragraph, its leading whole sentences), the rest packed after it;
 * undefined when not even one sentence fits.
 */
function withShortFirst(kept: string[], soft: string[], firstMax: number): string[] | undefined {
  if ((soft[0]?.length ?? 0) <= firstMax) return soft;
  const [whole = "", ...others] = kept;
  // A long first paragraph gives the first bubble its leading whole sentences.
  const head = whole.length <= firstMax ? whole : leadingSentences(whole, firstMax);
  if (head === "") return undefined;
  const paragraphs = head === whole ? kept : [head, whole.slice(head.length).trim(), ...others];
  const [first = ""] = paragraphs;
  let taken = 1;
  for (let joined = first; taken < paragraphs.length; taken++) {
    joined = `${joined}${PARAGRAPH}${paragraphs[taken] ?? ""}`;
    if (joined.length > firstMax) break;
  }
  return [paragraphs.slice(0, taken).join(PARAGRAPH), ...pack(paragraphs.slice(taken).flatMap((p) => splitText(p, SOFT_TEXT_MAX)), SOFT_TEXT_MAX)];
}

/** Greedy packing of pieces (each already ≤ max) into bubbles of at most `max` units. */
function pack(pieces: string[], max: number): string[] {
  const bubbles: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const joined = current.length === 0 ? piece : `${current}${PARAGRAPH}${piece}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current.length > 0) bubbles.push(current);
    current = piece;
  }
  if (current.length > 0) bubbles.push(current);
  return bubbles;
}

/**
 * Where to cut `text` so the first part has at most `max` units: after the last paragraph
 * break, else line break, else space in the second half of the window; else at any space; else
 * at `max` itself (never inside a surrogate pair).
 */
function boundaryBefore(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const separator of [PARAGRAPH, "\n", " "]) {
    const at = window.lastIndexOf(separator);
    if (at >= max / 2 && at <= max) return at;
  }
  const space = window.lastIndexOf(" ");
  if (space > 0) return space;
  return safeIndex(text, max);
}

/** `index`, moved back one when it would split a surrogate pair. */
function safeIndex(text: string, index: number): number {
  const code = text.charCodeAt(index - 1);
  return index > 0 && code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/**
 * As many whole sentences from the start of `text` as fit in `max` characters, as written (line
 * breaks kept); "" when not even the first does. A sentence ends with . ! ? or 。 (perhaps with a
 * closing quote or bracket) before a space or the end, so "2.5%" does not end one.
 */
export function leadingSentences(text: string, max: number): string {
  const trimmed = text.trim();
  let kept = 0;
  for (const match of trimmed.matchAll(SENTENCE_ENDS)) {
    const end = match.index + match[0].length;
    if (end > max) break;
    kept = end;
  }
  return trimmed.slice(0, kept);
}
