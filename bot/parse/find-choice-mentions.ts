import { foldText, normalizeText } from "./normalize-text";
import { stripAffixes } from "./strip-affixes";

/** Options named inside a sentence, by index, and whether a negation stands outside them. */
export type ChoiceMentions = { indexes: number[]; negated: boolean };

/** What may follow a label in the same word: particles, copulas, "해요", "다녀요" ("알바해요", "학생이에요"). */
const ENDINGS = {
  suffixes: [
    "이", "가", "은", "는", "을", "를", "에", "에서", "한테", "한테서", "에게", "에게서", "께", "에요", "예요", "이에요", "이요", "요", "으로", "로", "도", "만", "이랑", "랑", "하고",
    "과", "와", "이나", "나", "이고", "고", "인데", "인데요", "입니다", "임", "이야", "야", "해요", "해", "했어요", "했습니다", "합니다", "하고있어요",
    "하는", "해서", "했고", "했는데", "함", "했음", "하는중", "중", "중이에요", "중이요", "중입니다", "이라", "라", "이라서", "라서", "이었어요",
    "였어요", "다녀요", "다니고", "다닙니다", "다니는", "다녀", "받아요", "받고", "받고있어요", "받습니다", "이죠", "죠", "이에여",
    "할게요", "할께요", "할래요", "하겠습니다", "하겠어요",
  ],
};
/** A negation outside every named option ("회사 안 다녀요", "카드는 없고"): the sentence is not a plain pick. */
const NEGATION = /^(?:안|못)$|^(?:않|아니|아닌|아녜|아냐|없|말고|빼고|그만|관두|관뒀|잘렸|not$|never|no$|nope|dont|doesnt|didnt|cant|isnt|arent|wasnt|wont|havent)|^안(?:해|하|했|다녀|다니|받|돼|되)|지않|지못/;

type Hit = { index: number; from: number; to: number; length: number; negating: boolean };
/** Labels that undo what comes just before them: "회사 그만뒀어요", "알바 안 해요". */
const NEGATING_LABEL = /안|않|없|그만|잘렸|짤렸|관두|관뒀|not|dont|no/;

/**
 * Finds which options a sentence names, by label or synonym, each starting a word and ending
 * in the same word or with a particle or verb ending ("회사 다녀요" → 회사, "알바해요" → 알바,
 * "가게 해요" → 가게, "I'm a student" → student); multi-word labels may span words ("일 안
 * 해요"). One-letter labels are too often parts of other words ("불", "병") to count; a label
 * inside a longer one that matched ("은행" in "저축은행") is dropped.
 */
export function findChoiceMentions(text: string, options: ReadonlyArray<{ labels: readonly string[] }>): ChoiceMentions {
  const words = foldText(text).replace(/['’`´]/g, "").split(/[^\p{L}\p{N}]+/u).map(normalizeText).filter((w) => w !== "");
  // "가게 했는데 지금은 쉬어요": what is said after "지금은" is the answer to a question about now.
  const now = words.reduce((last, word, i) => (NOW.test(word) ? i : last), -1);
  if (now >= 0) {
    const after = mentionsIn(words.slice(now + 1), options);
    if (after.indexes.length > 0) return after;
  }
  return mentionsIn(words, options);
}

/** "지금", "지금은", "요즘", "현재는", "now", "currently". */
const NOW = /^(?:지금|요즘|현재|요새)(?:은|는)?$|^(?:now|currently|nowadays)$/;

function mentionsIn(words: readonly string[], options: ReadonlyArray<{ labels: readonly string[] }>): ChoiceMentions {
  const labels = options.flatMap((option, index) => option.labels.map((label) => ({ index, label: normalizeText(label) })))
    .filter(({ label }) => Array.from(label).length >= 2 && !/^\d+$/.test(label));
  const hits: Hit[] = [];
  words.forEach((_, from) => {
    for (const { index, label } of labels) {
      const to = endOf(words, from, label);
      if (to !== undefined) hits.push({ index, from, to, length: label.length, negating: NEGATING_LABEL.test(label) });
    }
  });
  const kept = finalSay(hits.filter((hit) => !hits.some((other) => other.index !== hit.index && other.length > hit.length && other.from <= hit.from && hit.to <= other.to)));
  const covered = (i: number) => kept.some((hit) => hit.from <= i && i < hit.to);
  return {
    indexes: [...new Set(kept.map((hit) => hit.index))].sort((a, b) => a - b),
    negated: words.some((word, i) => !covered(i) && NEGATION.test(word)),
  };
}

/**
 * Korean puts the verb last: when a label that undoes something ("그만뒀어요") directly follows
 * the one other option named ("회사"), it has the final say ("회사 그만뒀어요" → unemployed).
 */
function finalSay(hits: Hit[]): Hit[] {
  const last = hits.reduce<Hit | undefined>((latest, hit) => (latest === undefined || hit.from > latest.from ? hit : latest), undefined);
  const others = hits.filter((hit) => hit.index !== last?.index);
  if (last === undefined || !last.negating || others.length === 0) return hits;
  const undone = others.every((hit) => hit.to === last.from && others.every((o) => o.index === hit.index));
  return undone ? hits.filter((hit) => hit.index === last.index) : hits;
}

/** The word after the label's end when the label starts at `from` and ends well; else undefined. */
function endOf(words: readonly string[], from: number, label: string): number | undefined {
  let joined = "";
  let to = from;
  while (joined.length < label.length && to < words.length) {
    joined += words[to] ?? "";
    to += 1;
  }
  if (!joined.startsWith(label)) return undefined;
  const rest = joined.slice(label.length);
  if (rest === "") return to;
  const latin = /^[a-z]+$/.test(label);
  if (latin) return rest === "s" || rest === "es" ? to : undefined;
  return stripAffixes(rest, ENDINGS) === "" ? to : undefined;
}
