import fc from "fast-check";
import { type ChoiceOption, parseChoice, parseChoices } from "../../../bot/parse/parse-choice";

const DEBTS: ChoiceOption[] = [
  { id: "card", labels: ["카드 대출", "카드", "card loan"] },
  { id: "bank", labels: ["은행 대출", "은행", "bank loan"] },
  { id: "private", labels: ["사금융", "private lender"] },
  { id: "other", labels: ["기타 (직접 입력)", "기타"] },
];

describe("parseChoice", () => {
  it.each<[string, string]>([
    ["2", "bank"],
    ["2번", "bank"],
    ["2 번", "bank"],
    ["2번이요", "bank"],
    ["2.", "bank"],
    ["(2)", "bank"],
    ["②", "bank"],
    ["２", "bank"],
    ["두 번째", "bank"],
    ["둘째", "bank"],
    ["첫 번째", "card"],
    ["마지막", "other"],
    ["third", "private"],
    ["카드", "card"],
    ["카드 대출", "card"],
    ["카드대출", "card"],
    ["ＣＡＲＤ LOAN", "card"],
    ["Card-Loan!", "card"],
    ["은행이요", "bank"],
    ["은행으로 할게요", "bank"],
    ["기타", "other"],
    ["기타(직접 입력)", "other"],
    ["사금웅", "private"],
    ["은행 대츨", "bank"],
    ["private lendr", "private"],
    ["privat lendr", "private"],
    ["bank loam", "bank"],
  ])("when the resident types %p, then it picks %p", (text, id) => {
    expect(parseChoice(text, DEBTS)).toEqual({ ok: true, value: id });
  });

  it.each(["", "5", "0", "5번", "1, 3", "1 3", "xyz", "대출", "card", "카드은행", "네"])(
    "when the resident types %p, then it asks again naming the number of options",
    (text) => {
      expect(parseChoice(text, DEBTS)).toEqual({ ok: false, reason: { key: "parse.choice.invalid", params: { count: 4 } } });
    },
  );

  it("when a label is itself a number, then the label wins over the position", () => {
    const sizes: ChoiceOption[] = [{ id: "two", labels: ["2명"] }, { id: "one", labels: ["1명"] }];
    expect(parseChoice("1명", sizes)).toEqual({ ok: true, value: "one" });
    expect(parseChoice("1", sizes)).toEqual({ ok: true, value: "two" });
  });

  it("when a typo is as close to two options, then it does not guess", () => {
    const loans: ChoiceOption[] = [{ id: "cardloan", labels: ["카드론"] }, { id: "carddebt", labels: ["카드빚"] }];
    expect(parseChoice("카드돈", loans)).toEqual({ ok: false, reason: { key: "parse.choice.ambiguous", params: { count: 2 } } });
  });

  it("when two options share a synonym, then it does not guess", () => {
    const shared: ChoiceOption[] = [{ id: "a", labels: ["대출"] }, { id: "b", labels: ["대출"] }];
    expect(parseChoice("대출", shared)).toEqual({ ok: false, reason: { key: "parse.choice.ambiguous", params: { count: 2 } } });
  });

  it("when a label is negated, then the negation is not taken for a typo of it", () => {
    const gate: ChoiceOption[] = [{ id: "some", labels: ["빌렸어요"] }, { id: "none", labels: ["없어요"] }];
    expect(parseChoice("안 빌렸어요", gate).ok).toBe(false);
    expect(parseChoice("빌렸어여", gate)).toEqual({ ok: true, value: "some" });
  });

  it.each(["네 동의할게요", "네 동의합니다", "동의 할게요", "예 동의해요"])("when %p agrees in a sentence, then it is not taken for a typo of the decline label", (text) => {
    const consent: ChoiceOption[] = [
      { id: "agree", labels: ["동의해요", "네", "동의", "동의합니다"] },
      { id: "decline", labels: ["동의하지 않아요", "아니요", "동의안함", "비동의"] },
    ];
    expect(parseChoice(text, consent)).toEqual({ ok: true, value: "agree" });
  });

  it("when a short label is mistyped, then it allows no typo", () => {
    expect(parseChoice("카트", DEBTS).ok).toBe(false);
  });

  it("when given any string, then it never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(..."0123456789번째 ,카드은행사금융") })), (text) => {
        const one = parseChoice(text, DEBTS);
        const many = parseChoices(text, DEBTS);
        const ids = DEBTS.map((o) => o.id);
        expect(one.ok ? ids.includes(one.value) : true).toBe(true);
        expect(many.ok ? many.value.length > 0 && many.value.every((id) => ids.includes(id)) : true).toBe(true);
      }),
    );
  });
});

const WORK: ChoiceOption[] = [
  { id: "employed", labels: ["직장에 다녀요", "회사", "알바", "일해요", "working", "job"] },
  { id: "self_employed", labels: ["자영업·사업을 해요", "가게", "장사"] },
  { id: "unemployed", labels: ["지금은 일을 쉬어요", "일 안 해요", "놀고 있어요", "그만뒀어요", "not working", "no job"] },
  { id: "student", labels: ["학생이에요", "학생", "학교", "student"] },
  { id: "savings_bank", labels: ["저축은행"] },
  { id: "bank", labels: ["은행"] },
];

describe("parseChoice in sentences", () => {
  it.each<[string, string]>([
    ["회사 다녀요", "employed"],
    ["지금 회사 다니고 있어요", "employed"],
    ["알바해요", "employed"],
    ["편의점 알바 중이에요", "employed"],
    ["가게 해요", "self_employed"],
    ["작은 가게를 해요", "self_employed"],
    ["장사합니다", "self_employed"],
    ["일 안 해요 지금은", "unemployed"],
    ["요즘 놀고 있어요", "unemployed"],
    ["학교 다녀요", "student"],
    ["대학 학생이에요", "student"],
    ["I'm a student", "student"],
    ["I'm not working right now", "unemployed"],
    ["저축은행이요", "savings_bank"],
    ["회사 그만뒀어요", "unemployed"],
    ["가게 했는데 지금은 놀고 있어요", "unemployed"],
    ["회사 다니다가 요즘은 장사해요", "self_employed"],
    ["I was a student, now I'm working", "employed"],
  ])("when the resident says %p, then it picks %p", (text, id) => {
    expect(parseChoice(text, WORK)).toEqual({ ok: true, value: id });
  });

  it.each(["회사 안 다녀요", "가게는 접었고 알바해요", "회사 그만두고 가게 해요", "학교 안 다녀요"])(
    "when %p names two options or negates the one it names, then it asks again",
    (text) => {
      expect(parseChoice(text, WORK)).toEqual({ ok: false, reason: { key: "parse.choice.ambiguous", params: { count: 6 } } });
    },
  );

  it.each(["무슨 말인지", "불법", "회사원이었던 적은 있어요"])("when %p names no option, then it asks again", (text) => {
    expect(parseChoice(text, WORK)).toEqual({ ok: false, reason: { key: "parse.choice.invalid", params: { count: 6 } } });
  });
});

describe("parseChoices", () => {
  it.each<[string, string[]]>([
    ["1, 3", ["card", "private"]],
    ["1 3", ["card", "private"]],
    ["1번 3번", ["card", "private"]],
    ["1번3번", ["card", "private"]],
    ["1,3번", ["card", "private"]],
    ["１、３", ["card", "private"]],
    ["3, 1, 1", ["card", "private"]],
    ["카드, 은행", ["card", "bank"]],
    ["은행, 카드", ["card", "bank"]],
    ["카드 은행", ["card", "bank"]],
    ["카드랑 은행이요", ["card", "bank"]],
    ["카드 대출, 사금융", ["card", "private"]],
    ["1 and 3", ["card", "private"]],
    ["카드랑 은행 대출 있어요", ["card", "bank"]],
    ["사금융에서 빌린 게 있고 카드도 있어요", ["card", "private"]],
    ["2", ["bank"]],
    ["기타", ["other"]],
  ])("when the resident types %p, then it picks %p", (text, ids) => {
    expect(parseChoices(text, DEBTS)).toEqual({ ok: true, value: ids });
  });

  it.each<[string, string]>([
    ["1, 9", "9"],
    ["카드, 주식", "주식"],
    ["1 2 9", "1 2 9"],
  ])("when the resident types %p, then it names the unknown part %p", (text, part) => {
    expect(parseChoices(text, DEBTS)).toEqual({ ok: false, reason: { key: "parse.choice.unknownPart", params: { count: 4, part } } });
  });

  it.each(["", " , ", "!!!"])("when the resident types %p, then it asks again", (text) => {
    expect(parseChoices(text, DEBTS)).toEqual({ ok: false, reason: { key: "parse.choice.invalid", params: { count: 4 } } });
  });
});
