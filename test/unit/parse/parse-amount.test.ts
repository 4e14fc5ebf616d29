import { parseAmount } from "../../../bot/parse/parse-amount";

describe("parseAmount", () => {
  it.each<[string, number]>([
    ["2.5 million", 2_500_000],
    ["30 million won", 30_000_000],
    ["1.2 billion", 1_200_000_000],
    ["1.2bn", 1_200_000_000],
    ["300 thousand", 300_000],
    ["300k", 300_000],
    ["3 million a month", 3_000_000],
    ["월 250", 2_500_000],
    ["연봉 3600", 36_000_000],
  ])("when the whole text is the amount %p, then it reads %p won", (text, won) => {
    expect(parseAmount(text, { bareUnit: 10000 })).toEqual({ ok: true, value: won });
  });

  it.each(["빚이 3천 정도 있어요", "200에서 250 사이", "빚 없어요", "no", "100, 200"])("when %p is a sentence, a range, a bare no or two amounts, then the strict reader asks again", (text) => {
    expect(parseAmount(text, { bareUnit: 10000 })).toEqual({ ok: false, reason: { key: "parse.money.invalid" } });
  });
});
