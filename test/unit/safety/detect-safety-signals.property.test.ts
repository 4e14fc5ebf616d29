import fc from "fast-check";
import { detectSafetySignals } from "../../../bot/safety/detect-safety-signals";
import type { SafetySignal } from "../../../bot/safety/detect-safety-signals";
import { ENGLISH_SAFETY_RULES } from "../../../bot/safety/english-safety-rules";
import { KOREAN_SAFETY_RULES } from "../../../bot/safety/korean-safety-rules";
import { prepareSafetyText, SAFETY_SCAN_HEAD, SAFETY_SCAN_TAIL, toSafetyScanSegments } from "../../../bot/safety/prepare-safety-text";

const SIGNAL_ORDER: readonly SafetySignal[] = ["self_harm", "sexual_images", "threat", "violence", "distress"];
const SCAN_CAP = SAFETY_SCAN_HEAD + SAFETY_SCAN_TAIL + 1;

/** Korean wishes to die as people write them, with their own spaces. */
const KOREAN_CRISIS = [
  "죽고싶다", "죽고 싶어", "죽고 싶어요", "자살", "자살하고 싶어요", "자해", "자해했어요", "살기 싫어", "살고 싶지 않아요",
  "사라지고 싶어", "다 끝내고 싶어", "극단적 선택", "극단적인 생각을 해요", "요즘 자살 생각이 들어요", "유서를 썼어요",
  "목숨을 끊고 싶어요", "죽어버리고 싶어요", "죽는 게 나을 것 같아요", "살 이유가 없어요", "그냥 죽을까 봐요",
];

/** Inserts a space, or not, between every two Hangul syllables of a phrase. */
function spacedOut(phrase: string, spaces: readonly boolean[]): string {
  const chars = [...phrase];
  return chars
    .map((char, index) => {
      const next = chars[index + 1] ?? "";
      const between = /[가-힣]/.test(char) && /[가-힣]/.test(next) && spaces[index % spaces.length] === true;
      return between ? `${char} ` : char;
    })
    .join("");
}

/** Amounts as residents type them: "1,200만원", "300", "3억 2천", "오백만원 정도요". */
const amount = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 99_999_999 }).chain((n) => fc.constantFrom(String(n), n.toLocaleString("en-US"))),
        fc.constantFrom("삼천", "오백", "일억", "사십", "천이백", "구백", "이천오백", "칠십", "육"),
      ).chain((number) => fc.constantFrom("억", "천만", "백만", "만", "천", "백", "", "만 원", "원").map((unit) => `${number}${unit}`)),
      { minLength: 1, maxLength: 3 },
    ),
    fc.constantFrom("", " ", "  "),
    fc.constantFrom("", "요", "이요", " 정도", " 정도요", "쯤", " 있어요", " 밀렸어요", "원이요", " 대충"),
  )
  .map(([parts, gap, tail]) => `${parts.join(gap)}${tail}`);

/** Text built from the letters the rules care about, plus emoji, invisibles and punctuation. */
const ruleLetters = fc
  .array(
    fc.constantFrom("죽", "고", "싶", "자", "살", "해", "사진", "뿌", "린", "협박", "회사에", "알", "다", "맞", "았", "지", "않", "없", "생각", "은",
      " ", "  ", "ㅋ", "ㅠ", "\u200b", "😭", "!", "?", "１", "a", "die", "kill", "my", "self", "i", "don't", "want", "to", "'", "-", "\n", "\u0000"),
    { maxLength: 3000 },
  )
  .map((tokens) => tokens.join(""));

/** Whether a regex source repeats (*, +, {n,m}) a group that itself repeats: the shape of catastrophic backtracking. */
function hasNestedRepetition(source: string): boolean {
  const groups: boolean[] = [];
  let repeatsInside = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") i++;
    else if (char === "[") {
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      if (/[*+{]/.test(source[i + 1] ?? "")) repeatsInside = true;
    } else if (char === "(") {
      groups.push(repeatsInside);
      repeatsInside = false;
    } else if (char === ")") {
      const groupRepeats = /[*+{]/.test(source[i + 1] ?? "");
      if (groupRepeats && repeatsInside) return true;
      repeatsInside = (groups.pop() ?? false) || repeatsInside || groupRepeats;
    } else if (char === "*" || char === "+" || char === "{") repeatsInside = true;
  }
  return false;
}

describe("detectSafetySignals properties", () => {
  it("when spaces are put between the syllables of a Korean wish to die, then it is still self_harm", () => {
    fc.assert(
      fc.property(fc.constantFrom(...KOREAN_CRISIS), fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (phrase, spaces) => {
        expect(detectSafetySignals(spacedOut(phrase, spaces)).map((f) => f.signal)).toContain("self_harm");
      }),
      { numRuns: 500 },
    );
  });

  it("when a resident types only an amount, then no signal is raised", () => {
    fc.assert(
      fc.property(amount, (text) => {
        expect(detectSafetySignals(text)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("when any text arrives, however long, then the answer is well formed and only the capped window is read", () => {
    fc.assert(
      fc.property(fc.oneof(ruleLetters, fc.string({ unit: "binary", maxLength: 6000 }), fc.string({ maxLength: 6000 })), (text) => {
        const findings = detectSafetySignals(text);
        const signals = findings.map((f) => f.signal);
        expect(signals).toEqual(SIGNAL_ORDER.filter((s) => signals.includes(s)));
        expect(signals.includes("self_harm") && signals.includes("distress")).toBe(false);
        for (const finding of findings) expect(finding.evidence.length).toBeGreaterThan(0);
        for (const finding of findings) expect(finding.evidence.length).toBeLessThanOrEqual(80);
        expect(toSafetyScanSegments(text).join("").length).toBeLessThanOrEqual(SCAN_CAP);
        expect(prepareSafetyText(text).folded.length).toBeLessThanOrEqual(SCAN_CAP);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["one syllable repeated", "죽".repeat(5000)],
    ["a phrase without its end", "죽고 ".repeat(2000)],
    ["a target waiting for its verb", "회사에 다 ".repeat(1500)],
    ["photos waiting for a verb", `사진${"가".repeat(9)}`.repeat(600)],
    ["denials one after another", "i don't ".repeat(1000)],
    ["a denial window that never closes", "죽고싶은생각은".repeat(700)],
  ])("when the input is adversarial (%s), then the read stays within the capped window", (_name, text) => {
    expect(Array.isArray(detectSafetySignals(text))).toBe(true);
    const prepared = prepareSafetyText(text);
    expect(prepared.compact.length).toBeLessThanOrEqual(SCAN_CAP);
    expect(prepared.words.length).toBeLessThanOrEqual(SCAN_CAP);
  });

  it.each([...KOREAN_SAFETY_RULES, ...ENGLISH_SAFETY_RULES].map((rule) => [rule.signal, rule.pattern.source] as const))(
    "when the %s rule %p is compiled, then it repeats no repeating group and cannot match nothing",
    (_signal, source) => {
      expect(hasNestedRepetition(source)).toBe(false);
      expect(new RegExp(source).test("")).toBe(false);
    },
  );

  it("when the nested-repetition check is shown a dangerous shape, then it sees it", () => {
    expect(hasNestedRepetition("(?:a+)+")).toBe(true);
    expect(hasNestedRepetition("(?:[가-힣]{0,10}x)*")).toBe(true);
    expect(hasNestedRepetition("(?:ab|cd)?[가-힣]{0,10}(?:e)?")).toBe(false);
  });
});
