import type { Msg, ParseResult } from "../types";
import { foldText, normalizeText } from "./normalize-text";

const INVALID: Msg = { key: "parse.yesNo.invalid" };
const MAX_INPUT_LENGTH = 100;
/** Longer replies are stories: they go to the story reader, not to a yes or a no. */
const MAX_WORDS = 15;

const YES = new Set(
  [
    "네", "넵", "넹", "네네", "예", "예예", "응", "웅", "엉", "ㅇㅇ", "ㅇ", "ㅇㅋ", "오케이", "맞아요", "맞습니다", "맞아", "맞음", "맞죠",
    "그래요", "그래", "그럼요", "그렇습니다", "그렇다", "그렇죠", "있어요", "있습니다", "있음", "있어", "있죠", "동의", "동의합니다",
    "동의해요", "동의함", "좋아요", "좋습니다", "좋아", "좋음", "당연하죠", "물론이죠", "물론", "예스", "돼요", "되요", "됩니다",
    "yes", "y", "yeah", "yep", "yup", "ya", "ok", "okay", "sure", "agree", "i agree", "of course", "right", "correct", "true",
  ].map(normalizeText),
);

const NO = new Set(
  [
    "아니요", "아니오", "아뇨", "아니", "아니야", "아니에요", "아닙니다", "아님", "아녜요", "ㄴㄴ", "ㄴ", "노", "놉", "없어요", "없습니다",
    "없음", "없어", "없는데요", "싫어요", "싫어", "싫습니다", "동의 안 함", "동의 안 해요", "동의 안 합니다", "동의하지 않아요",
    "동의하지 않습니다", "동의하지 않음", "비동의", "미동의", "안 해요", "안 할래요", "안 합니다",
    "no", "n", "nope", "nah", "disagree", "i disagree", "false", "no thanks",
  ].map(normalizeText),
);

/** Reply words that come before the content: "네, …", "아니요, …", "yes, …". */
const YES_PARTICLES = new Set(["네", "넵", "넹", "네네", "예", "예예", "응", "웅", "엉", "어", "ㅇㅇ", "ㅇ", "ㅇㅋ", "오케이", "예스", "yes", "y", "yeah", "yep", "yup", "ya", "yea", "ok", "okay", "sure"]);
const NO_PARTICLES = new Set(["아니요", "아니오", "아뇨", "아니", "아니야", "아냐", "아녀", "아니에요", "아닙니다", "아님", "아녜요", "ㄴㄴ", "ㄴ", "노", "놉", "no", "nope", "nah", "n"]);

const HAS = /있(?:어|습|음|었|죠|지|네|다|는|고|긴)|^있$/;
/** "없어서 사채를 썼어요": a clause that gives a cause or adds a fact, not the answer itself. */
const SUBORDINATE = /(?:서|고|니까|면|어도|아도)$/;
const HAS_NOT = /없/;
const IS_NOT = /^(?:아닌|아니었|아닐|아니라|아녜|아니에|아닙)/;
const AGREE = /^(?:맞(?:아|습|음|죠|네|다|지)|그래|그렇(?:습|죠|다|네|지요)|그럼|동의|좋(?:아|습|음|죠)|물론|당연|알(?:아요|아|고있|죠|지요|습)|(?:돼|되)요$|됩니다$)/;
const REFUSE = /^(?:싫|전혀|별로|딱히)/;
/** "가끔", "조금요": a partial yes, as at the self-harm question ("네 가끔"). */
const PARTLY = /^(?:가끔|가끔씩|종종|자주|때때로|때로는|조금|좀|약간|살짝|이따금|한두번|몇번)(?:요|이요|은|은요|씩|씩요)?$/;
/** Verbs whose negation is a plain no ("안 그래요", "안 해요", "그렇지 않아요"); other negated verbs are content. */
const REPLY_VERB = /^(?:해|하|했|할|합|함|돼|되|됐|됨|싶|원|받|필요|그래|그렇|맞|있|좋|동의)/;

const EN_NO = /\b(?:not\s+really|not\s+at\s+all|never|i\s+(?:don'?t|do\s+not|didn'?t|did\s+not|haven'?t|have\s+not|am\s+not|wasn'?t|won'?t|can'?t)|i'?m\s+not|no\s+way|none|nothing)\b/;
const EN_YES = /\b(?:i\s+(?:do|did|have|had|am|agree|think\s+so)|that'?s\s+(?:right|correct|true)|right|correct|true|definitely|absolutely|of\s+course|agreed?)\b/;
const EN_PARTLY = /\b(?:sometimes|occasionally|often|a\s+little|a\s+bit|kind\s+of|kinda|sort\s+of|at\s+times|now\s+and\s+then|once\s+or\s+twice|a\s+few\s+times|from\s+time\s+to\s+time)\b/;
const EN_NOT = /\bnot\b|n't\b/;

type Signals = { content: Set<boolean>; particles: Set<boolean>; partly: boolean; negated: boolean };

/**
 * Reads a yes or a no in Korean or English, alone or inside a short sentence. Alone: "네",
 * "ㅇㅇ", "있어요", "동의합니다", "yes" are yes; "아니요", "ㄴㄴ", "없어요", "no" are no;
 * punctuation, emoji and ㅋㅋ/ㅠㅠ are ignored. In a sentence, what it says outranks the reply
 * word it starts with: "네 빚 있어요", "그런 적 있어요" are yes; "아니요, 그런 생각은 없어요",
 * "네, 없어요" are no; a negation wins over the yes-word it holds ("안 그래요", "그렇지 않아요",
 * "아닌 것 같아요", "not really"). A partial yes ("네 가끔", "조금요", "sometimes", "a little") is
 * yes. Anything mixed ("있었는데 지금은 없어요", "네 아니요") or without a sign is a reason to ask again.
 */
export function parseYesNo(text: string): ParseResult<boolean> {
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: INVALID };
  const whole = classify(normalizeText(text));
  if (whole !== undefined) return { ok: true, value: whole };
  const folded = foldText(text).replace(/[’‘`´]/g, "'");
  const words = folded.split(/[\s,.!?~…;:()"/]+/).filter((w) => normalizeText(w) !== "");
  if (words.length === 0 || words.length > MAX_WORDS) return { ok: false, reason: INVALID };
  const answer = decide(readSignals(words, folded));
  return answer === undefined ? { ok: false, reason: INVALID } : { ok: true, value: answer };
}

function classify(word: string): boolean | undefined {
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
}

/** Content decides; a partial yes needs no "no" beside it; the reply word decides the rest. */
function decide({ content, particles, partly, negated }: Signals): boolean | undefined {
  if (content.size === 1) return content.has(true);
  if (content.size > 1) return undefined;
  if (partly) return particles.has(false) || negated ? undefined : true;
  return particles.size === 1 ? particles.has(true) : undefined;
}

function readSignals(words: readonly string[], folded: string): Signals {
  const signals: Signals = { content: new Set(), particles: new Set(), partly: false, negated: false };
  const plain = words.map(normalizeText);
  plain.forEach((word, i) => {
    if (YES_PARTICLES.has(word)) signals.particles.add(true);
    else if (NO_PARTICLES.has(word)) signals.particles.add(false);
    else readWord(word, plain[i - 1] ?? "", plain[i + 1], signals);
  });
  if (EN_NO.test(folded)) signals.content.add(false);
  else if (EN_NOT.test(folded)) signals.negated = true;
  else if (EN_YES.test(folded)) signals.content.add(true);
  if (EN_PARTLY.test(folded)) signals.partly = true;
  return signals;
}

function readWord(word: string, previous: string, next: string | undefined, signals: Signals): void {
  if (word === "안" || word === "못") {
    // Short negation of the next word: "안 그래요" is a no; "안 갚은 돈" only describes.
    if (next !== undefined && REPLY_VERB.test(next)) signals.content.add(false);
    else signals.negated = true;
    return;
  }
  if (previous === "안" || previous === "못") return;
  const longNegation = /^(?:않|못하|못해|못했|못할|못합)/.test(word) ? previous : /(.+)지(?:않|못하|못해|못했|못할)/.exec(word)?.[1];
  if (longNegation !== undefined) {
    // "그렇지 않아요", "하고 싶지 않아요" are a no; "갚지 못할 것 같아요" is content, not a reply.
    const stem = longNegation.replace(/지$/, "");
    if (REPLY_VERB.test(stem) || /(?:싶|원하|하)$/.test(stem)) signals.content.add(false);
    else signals.negated = true;
    return;
  }
  if (/^[안못]./.test(word)) {
    if (REPLY_VERB.test(word.slice(1))) signals.content.add(false);
    else signals.negated = true;
    return;
  }
  if (next !== undefined && SUBORDINATE.test(word) && (HAS.test(word) || HAS_NOT.test(word))) return;
  if (HAS_NOT.test(word) || IS_NOT.test(word) || REFUSE.test(word)) signals.content.add(false);
  // "경기도에 있어요" says where, not whether: leave it to the reply word.
  else if (HAS.test(word)) {
    if (!previous.endsWith("에") && !/에있/.test(word)) signals.content.add(true);
  } else if (AGREE.test(word)) signals.content.add(true);
  else if (PARTLY.test(word) && word !== "좀") signals.partly = true;
}
