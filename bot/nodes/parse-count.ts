import { foldText, normalizeText } from "../parse/normalize-text";
import { parseNumberWord } from "../parse/parse-number-word";
import { isRangeBetween, splitRangeWords } from "../parse/scan-word-spans";
import { stripAffixes } from "../parse/strip-affixes";
import type { Msg, ParseResult } from "../types";

const MAX_INPUT_LENGTH = 100;

/** What is counted: people, years of age, times, points. "3개월" and "7일" are not counts. */
const COUNTERS = [
  "명", "사람", "식구", "분", "살", "세", "번", "회", "개", "점대", "점", "곳", "군데", "건", "통", "차례", "가구", "인", "인가구",
  "people", "persons", "person", "times", "time", "yearsold", "years", "year", "old", "points", "point", "calls", "call",
];
/** What follows a count and does not change it: "둘이요", "2명이에요", "10번 넘게", "3명까지". */
const ENDINGS = [
  "이", "이요", "이에요", "예요", "에요", "요", "입니다", "이서", "서", "이고", "이나", "나", "정도", "쯤", "가량", "은", "는", "도", "까지",
  "이랑", "랑", "하고", "째", "넘게", "이상", "밖에", "이야", "야", "임", "이네요", "이죠", "죠", "이었어요", "였어요", "인데요", "인데",
  "이라서", "라서", "이니까", "씩", "남짓", "됐어요", "돼요", "됩니다", "살아요", "살고있어요", "이에여", "ish", "orso",
];
const COUNT_TAIL = { suffixes: [...COUNTERS, ...ENDINGS] };
/** Words after a number that make it a duration or an amount, not a count: "3 개월", "10 days". */
const NOT_A_COUNT = /^(?:개월|달|년|주|주일|일|시간|시|원|만원|만|천|억|days?|weeks?|months?|years?(?!s?old)|hours?|won|krw)/;
/** "네", "응", "예": a reflexive yes at "몇 명인가요?" is never a number. */
const REPLY_WORDS = new Set(["네", "넵", "넹", "네네", "예", "응", "웅", "엉", "ㅇㅇ", "아니요", "아니오", "아뇨", "아니", "yes", "yeah", "yep", "no", "nope", "ok"]);

const ZERO = /한\s*번도|하나도|아무도|전혀|없어|없음|없습|없다|없었|\bnone\b|\bnever\b|\bzero\b|\bnobody\b|\bno\s*one\b|\bnot\s+once\b|\bnot\s+a\s+single\b/;
const NOT_ZERO = /얼마|별로|거의|몇|조금|좀|hardly|barely|few/;
/** A count per day is not a count over the question's period: ask again instead of misreading. */
const PER_DAY = /하루에|매일|날마다|\bper\s+day\b|\ba\s+day\b|\bdaily\b|\bevery\s+day\b|\beach\s+day\b/;
const ALONE = /혼자|홀로|\b(?:just|only)\s+(?:me|myself)\b|\bme\s+alone\b|\balone\b|\bby\s+myself\b|\bon\s+my\s+own\b/;
/** "저까지", "저 포함", "다해서", "둘이서", "in total": the number counts everyone. */
const INCLUSIVE = /까지|포함|다해서|모두|총|전부|합쳐서|합해서|이서|(?:둘|셋|넷|다섯)이\s*살|\bin\s+total\b|\bincluding\s+me\b|\bof\s+us\b|\baltogether\b|\ball\s+together\b/;
const JOINED = /랑|하고|\s와\s|\s과\s|및|\band\b|\bwith\b|&|\+/;
const SELF = new Set(["저", "나", "제", "내", "본인", "me", "i", "myself"]);
const PERSON = new Set([
  "남편", "아내", "와이프", "부인", "집사람", "엄마", "어머니", "어머님", "아빠", "아버지", "아버님", "아들", "딸", "애", "아이", "아기", "동생",
  "형", "오빠", "누나", "언니", "할머니", "할아버지", "손자", "손녀", "남친", "여친", "애인", "친구", "시어머니", "시아버지", "장모님", "장인어른",
  "wife", "husband", "son", "daughter", "mom", "mum", "mother", "dad", "father", "kid", "child", "baby", "brother", "sister", "friend",
  "partner", "girlfriend", "boyfriend", "grandma", "grandmother", "grandpa", "grandfather",
]);
const PEOPLE = new Set(["애들", "아이들", "자녀", "자녀들", "애기들", "부모님", "식구들", "가족들", "kids", "children", "parents", "sons", "daughters", "grandparents", "family"]);
const NAME_TAILS = ["이랑", "랑", "하고", "와", "과", "까지", "도", "는", "은", "이", "가", "요", "이요", "한테", "님"];

type Mention = { value: number; from: number; to: number };

/**
 * A whole number within [min, max] from everyday answers, alone or in a sentence: "3", "3명",
 * "45세", "세 명", "마흔다섯 살", "일흔넷이에요", "스무 번쯤", "하나", "twelve", "혼자",
 * "저 혼자요", "just me", "저까지 2명이요", "저 포함 3명", "우리 식구 넷", "me and my wife" (2),
 * "없어요" (0). A pair or a range counts as its larger end ("두세 번", "2~3명", "one or two").
 * A reply word ("네", "응", "yes") is never a number, and two different counts, a count per day
 * or a count next to named people without "저까지"/"포함" (is it everyone?) ask again.
 */
export function parseCount(text: string, min: number, max: number): ParseResult<number> {
  const value = text.length > MAX_INPUT_LENGTH ? undefined : readCount(text);
  if (value === undefined || !Number.isSafeInteger(value)) return { ok: false, reason: invalid(min, max) };
  if (value < min || value > max) return { ok: false, reason: { key: "engine.error.numberRange", params: { min, max } } };
  return { ok: true, value };
}

function invalid(min: number, max: number): Msg {
  return { key: "engine.error.number", params: { min, max } };
}

function readCount(text: string): number | undefined {
  const folded = foldText(text).replace(/[’‘`´]/g, "'");
  if (REPLY_WORDS.has(normalizeText(folded)) || PER_DAY.test(folded) || /(?:^|\s)-\s*\d/.test(folded)) return undefined;
  const words = splitRangeWords(folded.replace(/(^|\s)만\s*(?=\d)/g, "$1"));
  const plain = words.map(normalizeText);
  const mentions = findMentions(plain);
  const people = readPeople(plain);
  if (ALONE.test(folded)) mentions.push({ value: 1, from: -1, to: -1 });
  if (people.named && mentions.length > 0 && !INCLUSIVE.test(folded)) return undefined;
  const [first, second, ...rest] = mentions;
  if (first === undefined) {
    if (ZERO.test(folded) && !NOT_ZERO.test(folded) && !/\d/.test(folded)) return 0;
    return people.joined && people.singles > 0 && !people.plural ? 1 + people.singles : undefined;
  }
  if (/한\s*번도|하나도|아무도/.test(folded)) return 0;
  if (second === undefined || mentions.every((m) => m.value === first.value)) return first.value;
  const span = (m: Mention) => ({ from: m.from, to: m.to, text: "", value: m.value });
  if (rest.length === 0 && first.from >= 0 && isRangeBetween(words, span(first), span(second))) return Math.max(first.value, second.value);
  return undefined;
}

function findMentions(words: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  words.forEach((word, i) => {
    const next = (words[i + 1] ?? "") + (words[i + 2] ?? "");
    const digits = /^(\d{1,7})(.*)$/.exec(word);
    if (digits?.[1] !== undefined) {
      const tail = digits[2] ?? "";
      if (stripAffixes(tail, COUNT_TAIL) === "" && !(tail === "" && NOT_A_COUNT.test(next))) mentions.push({ value: Number(digits[1]), from: i, to: i + 1 });
      return;
    }
    const number = parseNumberWord(word);
    if (number === undefined) return;
    const tail = word.slice(number.length);
    if (stripAffixes(tail, COUNT_TAIL) !== "" || (tail === "" && NOT_A_COUNT.test(next))) return;
    const counted = startsWithCounter(tail) || (tail === "" && startsWithCounter(next));
    if (number.needsCounter && !counted) return;
    mentions.push({ value: number.value, from: i, to: i + 1 });
  });
  // "twenty five": two English words, one number.
  return mentions.filter((m, k) => {
    const previous = mentions[k - 1];
    const merged = previous !== undefined && previous.to === m.from && previous.value % 10 === 0 && previous.value >= 20 && m.value < 10 && /^[a-z]+$/.test(words[m.from] ?? "");
    if (merged) previous.value += m.value;
    return !merged;
  });
}

function startsWithCounter(text: string): boolean {
  return text !== "" && COUNTERS.some((counter) => text.startsWith(counter));
}

/** Named people: "저랑 남편", "me and my wife" (count them); "남편이랑 애 둘" (is that everyone?). */
function readPeople(words: readonly string[]): { named: boolean; joined: boolean; singles: number; plural: boolean } {
  const names = words.map(nameOf);
  const singles = names.filter((name) => PERSON.has(name)).length;
  const plural = names.some((name) => PEOPLE.has(name));
  const self = names.some((name) => SELF.has(name));
  const joined = JOINED.test(` ${words.join(" ")} `) || (self && singles > 0);
  return { named: singles > 0 || plural, joined, singles, plural };
}

/** The person a word names, particles dropped one at a time so "아이랑" stays "아이", not "아". */
function nameOf(word: string): string {
  const known = (name: string) => PERSON.has(name) || PEOPLE.has(name) || SELF.has(name);
  let rest = word;
  for (;;) {
    if (known(rest)) return rest;
    const shorter = NAME_TAILS.filter((suffix) => rest.endsWith(suffix) && rest.length > suffix.length).map((suffix) => rest.slice(0, -suffix.length));
    const next = shorter.find(known) ?? shorter.sort((a, b) => a.length - b.length)[0];
    if (next === undefined) return rest;
    rest = next;
  }
}
