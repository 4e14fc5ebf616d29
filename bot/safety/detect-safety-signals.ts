import { ENGLISH_SAFETY_RULES } from "./english-safety-rules";
import { isNegated } from "./is-negated";
import { KOREAN_SAFETY_RULES } from "./korean-safety-rules";
import type { SafetyText } from "./prepare-safety-text";
import { prepareSafetyText, SEGMENT_BREAK } from "./prepare-safety-text";
import type { SafetyRule } from "./safety-rule";

export type SafetySignal =
  /** A wish to die, to end one's life or to disappear, or self-harm: 죽고 싶어, 자살, 자해, 살기 싫어, I want to die. */
  | "self_harm"
  /** Death as a figure of speech (힘들어 죽겠어요, this is killing me) and despair (너무 힘들어요, 희망이 없어요). */
  | "distress"
  /** The resident or family threatened, illegal collection threats: 회사에 알린대요, 집에 찾아온대요, 죽여버린대요. */
  | "threat"
  /** Intimate images demanded, taken, threatened or spread: 사진 뿌린대요, 몸캠, nudes. */
  | "sexual_images"
  /** Hit, assaulted, confined or threatened with violence: 때린대요, 맞았어요, 칼로 위협, he hit me. */
  | "violence";

export type SafetyFinding = {
  signal: SafetySignal;
  /** The words that triggered it, as typed (folded: NFKC, lower case, no emoji), at most 80 characters. */
  evidence: string;
};

/** Most urgent first. */
const SIGNAL_ORDER: readonly SafetySignal[] = ["self_harm", "sexual_images", "threat", "violence", "distress"];
const RULES: readonly SafetyRule[] = [...KOREAN_SAFETY_RULES, ...ENGLISH_SAFETY_RULES];
const MAX_EVIDENCE = 80;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * Every safety signal in one typed message, at most one finding per signal, most urgent first
 * (self_harm, sexual_images, threat, violence, distress). Runs on every message before anything
 * else reads it, in Korean and English, whatever the spacing, endings, emoji or full-width letters.
 *
 * Crisis policy (err on the side of showing 109 gently):
 * - self_harm: an explicit wish to die or to disappear, a plan, or self-harm ("죽고 싶어요", "살고
 *   싶지 않아요", "다 끝내고 싶어", "죽을 용기도 없어요", "I want to die"). The core shows 109 at once
 *   and records the risk. A denial is not a wish: "죽고 싶은 생각은 없어요", "자살 생각 없어요",
 *   "I don't want to die" trigger nothing, "죽고 싶지 않은데 너무 힘들어요" only distress.
 * - distress: death as a figure of speech ("힘들어 죽겠어요", "바빠 죽겠네", "죽을 것 같아요", "this
 *   is killing me"), despair ("너무 힘들어요", "살기 힘들어요", "희망이 없어요", "이렇게 살기 싫어요"),
 *   and asking about the crisis line ("자살예방 상담전화"). The core shows a gentle line with 109
 *   and records nothing. Plain tiredness without an intensifier ("대출 갚느라 힘들어요") is not
 *   distress. A message with self_harm does not also report distress.
 * - threat, sexual_images, violence: reported ("회사에 알린대요", "때렸어요") or pasted as the
 *   lender wrote it ("회사에 다 알린다", "사진 뿌린다"); the core raises 112 and 1332. Any threat to
 *   spread the resident's photos or videos counts as sexual_images, since that is how image
 *   extortion is reported ("사진 뿌린대요"); a named target ("가족한테 뿌린다") is also a threat.
 * - Never: amounts, porridge and places (죽 먹었어요, 죽전역), "사진", "회사", "연락이 와요" alone,
 *   "I'm dying to know", "killing time", "deadline".
 *
 * A message longer than 2,000 characters is read as its first 2,000 and its last 500.
 */
export function detectSafetySignals(text: string): SafetyFinding[] {
  const prepared = prepareSafetyText(text);
  // For each signal, the earliest place any of its rules holds.
  const found = new Map<SafetySignal, Span>();
  for (const rule of RULES) {
    const span = findSpan(prepared, rule);
    const known = found.get(rule.signal);
    if (span !== undefined && (known === undefined || span.from < known.from)) found.set(rule.signal, span);
  }
  if (found.has("self_harm")) found.delete("distress");
  return SIGNAL_ORDER.flatMap((signal) => {
    const span = found.get(signal);
    return span === undefined ? [] : [{ signal, evidence: toEvidence(prepared.folded, span) }];
  });
}

/** Where a match lies in the folded text. */
type Span = { from: number; to: number };

/** The rule's first match that is neither read across words nor denied. */
function findSpan(prepared: SafetyText, rule: SafetyRule): Span | undefined {
  const form = rule.form === "compact" ? prepared.compact : prepared.words;
  const at = rule.form === "compact" ? prepared.compactAt : prepared.wordsAt;
  // exec over the shared global pattern (matchAll would copy it on every message); the loop
  // always starts from 0 and runs to the end or a return, so no state leaks between calls.
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(form); match !== null; match = pattern.exec(form)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) pattern.lastIndex++;
    else if (fitsWords(prepared, rule, start, end) && !isNegated(rule.form, form, start, end)) return { from: at[start] ?? 0, to: (at[end - 1] ?? 0) + 1 };
  }
  return undefined;
}

/** Applies the rule's guard against keywords read across the words the resident typed. */
function fitsWords(prepared: SafetyText, rule: SafetyRule, start: number, end: number): boolean {
  if (rule.guard === undefined) return true;
  const startsWord = prepared.compactWordStart[start] === true;
  if (rule.guard === "word-start") return startsWord;
  return startsWord || !prepared.compactWordStart.slice(start + 1, end).includes(true);
}

/** The typed words that hold the span, without the punctuation at their ends, cut to 80 characters. */
function toEvidence(folded: string, { from, to }: Span): string {
  let start = from;
  while (start > 0 && !isWordBreak(folded[start - 1])) start--;
  let end = to;
  while (end < folded.length && !isWordBreak(folded[end])) end++;
  const words = folded.slice(start, end);
  const evidence = words.length <= MAX_EVIDENCE ? words : folded.slice(from, Math.min(to, from + MAX_EVIDENCE));
  return evidence.replaceAll(SEGMENT_BREAK, " ").replace(EDGE_PUNCTUATION, "");
}

function isWordBreak(char: string | undefined): boolean {
  return char === undefined || char === " " || char === SEGMENT_BREAK;
}
