import fc from "fast-check";
import type { LabelLookup } from "../../../bot/nodes/answer";
import { readAnswer, unknownNextOf } from "../../../bot/nodes/read-answer";
import { parseMoney } from "../../../bot/parse/parse-money";
import type { QuestionNode } from "../../../flows/schema/flow";
import { isQuestionNode } from "../../../flows/schema/flow";
import { flowFixture } from "../../support/flow-harness";

const { flow, ctx } = flowFixture();
const labels: LabelLookup = ctx.labels;
const questions = flow.nodes.filter(isQuestionNode);
function question(id: string): QuestionNode {
  const node = questions.find((n) => n.id === id);
  if (node === undefined) throw new Error(`no question ${id}`);
  return node;
}

/** Reply words: a reflex "yes" or "no" in either language, never an amount or a count. */
const REPLY_WORDS = ["네", "넵", "넹", "네네", "예", "응", "웅", "엉", "ㅇㅇ", "아니요", "아니오", "아뇨", "아니", "노", "yes", "yeah", "yep", "no", "nope", "ok", "맞아요", "맞아", "그래요", "동의해요", "좋아요", "있어요"];
const replyWord = fc.tuple(
  fc.constantFrom(...REPLY_WORDS),
  fc.constantFrom("", "요", "!", ".", "~", "?", "!!", " ㅎㅎ", " ㅠㅠ", "…", " 👍"),
  fc.constantFrom("", " ", "  "),
).map(([word, tail, pad]) => `${pad}${word}${tail}${pad}`);

describe("readAnswer", () => {
  it("when a reply word is typed at any count or amount question of the shipped flow, then it is never read as a number or an amount", () => {
    const numeric = questions.filter((n) => n.type === "number" || n.type === "money");
    expect(numeric.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(replyWord, fc.constantFrom(...numeric), (text, node) => {
        expect(readAnswer(node, { text }, labels).ok).toBe(false);
      }),
    );
  });

  it("when a monthly phrase is typed at the yearly income question, then the amount is always converted to a year", () => {
    const ownIncome = question("own_income");
    const phrase = fc.constantFrom(
      (n: string) => `한 달에 ${n}`, (n: string) => `한달 ${n}`, (n: string) => `월 ${n}`, (n: string) => `월${n}`, (n: string) => `매달 ${n}`,
      (n: string) => `매월 ${n} 정도`, (n: string) => `${n} a month`, (n: string) => `${n} per month`, (n: string) => `monthly ${n}`,
      (n: string) => `달마다 ${n}쯤 벌어요`, (n: string) => `월급 ${n}`,
    );
    const amount = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.constantFrom("", "만원", "만", "만 원")).map(([n, unit]) => `${n}${unit}`);
    fc.assert(
      fc.property(phrase, amount, (say, figure) => {
        const text = say(figure);
        const monthly = parseMoney(text, { bareUnit: 10000 });
        const read = readAnswer(ownIncome, { text }, labels);
        expect(monthly.ok && read.ok && read.value.value === monthly.value * 12 && read.value.notes?.[0]?.key === "engine.note.monthToYear").toBe(true);
      }),
    );
  });

  it("when given any string at any question of the shipped flow, then it never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), fc.constantFrom(...questions), fc.constantFrom<"ko" | "en">("ko", "en"), (text, node, lang) => {
        expect(typeof readAnswer(node, { text }, labels, lang).ok).toBe("boolean");
      }),
    );
  });

  it.each<[string, string | undefined]>([
    ["safety_check", "safety_unsure"],
    ["has_debt", "total_debt"],
    ["prior_discharge_gate", "prior_bankruptcy"],
    ["total_debt", "total_debt_route"],
    ["secured_gate", "creditor_types"],
    ["credit_score_known", "crisis_events"],
    ["employment", "employment_route"],
    ["consent", undefined],
  ])("when 'don't know' is said at %p, then the walk goes to %p", (id, next) => {
    expect(unknownNextOf(question(id))).toBe(next);
  });

  it("when 'don't know' is typed where a choice offers a 'don't know' option, then that option is taken and marked unknown", () => {
    expect(readAnswer(question("illegal_registered"), { text: "몰라요" }, labels)).toEqual({ ok: true, value: { value: "unknown", next: "illegal_terms_gate", unknown: true } });
    expect(readAnswer(question("welfare_status"), { text: "I don't know" }, labels)).toEqual({ ok: true, value: { value: null, next: "disability_route", unknown: true } });
    expect(readAnswer(question("consent"), { text: "몰라요" }, labels)).toEqual({ ok: false, reason: { key: "engine.error.chooseOption" } });
  });

  it.each([
    "네", "네 동의할게요", "네 동의합니다", "동의 할게요", "예 동의해요", "동의합니다!", "네네 동의", "좋아요 시작할게요", "Yes, I agree", "I agree", "ok",
  ])("when consent is given as %p, then it is taken as agreement", (text) => {
    expect(readAnswer(question("consent"), { text }, labels)).toMatchObject({ ok: true, value: { value: true } });
  });

  it.each(["아니요", "동의 안 할래요", "동의하지 않을게요", "싫어요", "아뇨 안 할래요", "No, I don't agree", "I disagree"])(
    "when consent is refused as %p, then it is never taken as agreement",
    (text) => {
      const read = readAnswer(question("consent"), { text }, labels);
      expect(read.ok ? read.value.value : "asked again").not.toBe(true);
    },
  );
});
