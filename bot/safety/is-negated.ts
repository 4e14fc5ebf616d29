import { squeezeLetters } from "./safety-rule";

/**
 * What may follow a Korean finding and deny it: "죽고 싶[지 않아요]", "자살[할 생각은 없어요]",
 * "죽고 싶[다는 생각을 한 적은 없어요]", "협박[은 없었어요]", "자해[는 안 해요]". Every part is
 * optional but the denial itself, and none repeats, so the check is linear in the window.
 * "없어지" is not a denial: "죽고 싶은 생각이 없어지질 않아요" is a yes.
 */
const KOREAN_DENIAL = new RegExp(
  "^(?:지|진|지는|지도|지만|하지|하진|하지는|되진|다는|단|라는|란|하는|하고|하고싶은|고싶은|할|한|하려는|려는|받은|당한|받는|당하는|받아본|당해본|해본|같은|[은는을를이가도])?" +
    "(?:생각|마음|충동|적|계획|시도|짓|일|건|거|것|게|정도|경험|얘기|말)?" +
    "(?:까지는|까진|조차|[은는이가도을를])?" +
    "(?:한|해본|가진|품은|할|든|들었던|해봤던)?" +
    "(?:적|일)?" +
    "(?:까지는|[은는이도])?" +
    "(?:전혀|절대|한번도|별로|딱히|아직|다행히|그다지|결코)?" +
    "(?:없(?!어지|어질|애)|않|아니|아녜|아냐|안(?:들|해|했|함|하거든|합니다|받|당|가져|품))",
);
/** A denial denied again is a yes: "죽고 싶은 마음이 없진 않아요". */
const KOREAN_DOUBLE_DENIAL = /^(?:어|었)?(?:진|지|지는|지도)않|^(?:는|은)?건아니|^다고(?:는|할수는)?못/;
const KOREAN_WINDOW = 24;

/** Words that deny what follows within three words: "I don't want to die", "he never hit me". */
const ENGLISH_DENIERS = new Set(
  ["not", "never", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "won't", "wont", "wouldn't", "wouldnt", "haven't", "havent", "hasn't", "hasnt", "nobody", "noone"].map(squeezeLetters),
);
/**
 * "no" denies what it stands right before ("no suicidal thoughts") or a noun of intent ("no
 * thoughts of suicide", "no one threatened me"), not a sentence it answers ("no, I want to die").
 */
const AFTER_NO = new Set(["one", "thoughts", "thought", "intention", "intentions", "plan", "plans", "urge", "urges", "desire", "wish"].map(squeezeLetters));
/** "I don't know, I want to die" denies nothing. */
const NOT_A_DENIAL = new Set(["know", "care"]);
const ENGLISH_WINDOW_WORDS = 3;

/**
 * Whether the finding at [start, end) of a form is denied by the words around it: in Korean the
 * denial follows ("~지 않아요", "~생각은 없어요"), in English it comes first ("don't", "never").
 */
export function isNegated(form: "compact" | "words", text: string, start: number, end: number): boolean {
  if (form === "compact") {
    const after = text.slice(end, end + KOREAN_WINDOW);
    const denial = KOREAN_DENIAL.exec(after);
    return denial !== null && !KOREAN_DOUBLE_DENIAL.test(after.slice(denial[0].length));
  }
  const before = text.slice(Math.max(0, start - 60), start).split(" ").filter((word) => word.length > 0).slice(-ENGLISH_WINDOW_WORDS - 1);
  return before.some((word, index) => {
    if (index === 0 && before.length > ENGLISH_WINDOW_WORDS) return false;
    if (word === "no") return index === before.length - 1 || AFTER_NO.has(before[index + 1] ?? "");
    return ENGLISH_DENIERS.has(word) && !NOT_A_DENIAL.has(before[index + 1] ?? "");
  });
}
