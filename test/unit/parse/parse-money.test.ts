import fc from "fast-check";
import { MAX_MONEY_WON, parseMoney } from "../../../bot/parse/parse-money";

const MAN = 10_000;
const EOK = 100_000_000;

describe("parseMoney", () => {
  it.each<[string, number]>([
    ["1억 2천", 120_000_000],
    ["1억2천만원", 120_000_000],
    ["350만원", 3_500_000],
    ["3천5백만", 35_000_000],
    ["1,200,000원", 1_200_000],
    ["120만 원", 1_200_000],
    ["오십만원", 500_000],
    ["백만원", 1_000_000],
    ["천만원", 10_000_000],
    ["만원", 10_000],
    ["삼백오십만원", 3_500_000],
    ["천오백만원", 15_000_000],
    ["0원", 0],
    ["0", 0],
    ["없어요", 0],
    ["없음", 0],
    ["없습니다", 0],
    ["none", 0],
    ["no", 0],
    ["1억", EOK],
    ["2억 5000만원", 250_000_000],
    ["5,000만원", 50_000_000],
    ["1.5억", 150_000_000],
    ["0.5만원", 5_000],
    ["300만 원 정도", 3_000_000],
    ["약 300만원", 3_000_000],
    ["300만원쯤", 3_000_000],
    ["대략 300만원 가량", 3_000_000],
    ["한 300만원", 3_000_000],
    ["300만원 넘게", 3_000_000],
    ["300만원 이하", 3_000_000],
    ["350만원이요", 3_500_000],
    ["월 250만원", 2_500_000],
    ["총 1억 2천이요", 120_000_000],
    ["3천5백원", 3_500],
    ["3천5백", 3_500],
    ["1억 5000", 150_000_000],
    ["1억 2천원", 100_002_000],
    ["1억 2345만 6789원", 123_456_789],
    ["350만 2천원", 3_502_000],
    ["1,200,000 won", 1_200_000],
    ["KRW 500000", 500_000],
    ["₩500,000", 500_000],
    ["500k", 500_000],
    ["1.2m", 1_200_000],
    ["１２０만원", 1_200_000],
    ["350만원!", 3_500_000],
    ["1조", 1_000_000_000_000],
    ["10000억", 1_000_000_000_000],
  ])("when the resident types %p, then it reads %p won", (text, won) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: won });
  });

  it.each<[string, number]>([
    ["3천5백", 35_000_000],
    ["350", 3_500_000],
    ["3천", 30_000_000],
    ["1.5", 15_000],
    ["9999", 99_990_000],
    ["1200000", 1_200_000],
    ["10000", 10_000],
    ["350원", 350],
    ["350만", 3_500_000],
    ["KRW 350", 350],
    ["500k", 500_000],
    ["0", 0],
  ])("when a bare amount is counted in 만원 and the resident types %p, then it reads %p won", (text, won) => {
    expect(parseMoney(text, { bareUnit: 10000 })).toEqual({ ok: true, value: won });
  });

  it.each<[string, string]>([
    ["", "parse.money.invalid"],
    ["   ", "parse.money.invalid"],
    ["많아요", "parse.money.invalid"],
    ["-500", "parse.money.negative"],
    ["마이너스 500", "parse.money.negative"],
    ["abc", "parse.money.invalid"],
    ["1억억", "parse.money.invalid"],
    ["1만억", "parse.money.invalid"],
    ["1억 12000만", "parse.money.invalid"],
    ["350만 20000", "parse.money.invalid"],
    ["3.5.1", "parse.money.invalid"],
    ["1,20", "parse.money.invalid"],
    ["1 200", "parse.money.invalid"],
    ["원", "parse.money.invalid"],
    ["이", "parse.money.invalid"],
    ["두 달", "parse.money.invalid"],
    ["삼오", "parse.money.invalid"],
    ["12백", "parse.money.invalid"],
    ["5백3천", "parse.money.invalid"],
    ["350원원", "parse.money.invalid"],
    ["1.5", "parse.money.invalid"],
    ["300~400만원", "parse.money.invalid"],
    ["NaN", "parse.money.invalid"],
    ["Infinity", "parse.money.invalid"],
    ["1e400", "parse.money.invalid"],
    ["2조", "parse.money.tooLarge"],
    ["1조 1원", "parse.money.tooLarge"],
    ["10001억", "parse.money.tooLarge"],
    ["9".repeat(30), "parse.money.tooLarge"],
    ["1".repeat(101), "parse.money.invalid"],
  ])("when the resident types %p, then it asks again with %p", (text, key) => {
    expect(parseMoney(text)).toEqual({ ok: false, reason: { key } });
  });

  it("when given any string, then it never throws and any amount is a whole number from 0 to 1조", () => {
    const moneyish = fc.string({ unit: fc.constantFrom(..."0123456789,.억만천백십조일이삼사오육칠팔구원 kmw-약정도없어요"), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), moneyish), fc.constantFrom<1 | 10000>(1, 10000), (text, bareUnit) => {
        const result = parseMoney(text, { bareUnit });
        const won = result.ok ? result.value : 0;
        expect(Number.isSafeInteger(won) && won >= 0 && won <= MAX_MONEY_WON).toBe(true);
      }),
    );
  });

  it("when any amount up to 1조 is written with commas and 원, then it reads back the same", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MONEY_WON }), fc.constantFrom<1 | 10000>(1, 10000), (won, bareUnit) => {
        expect(parseMoney(`${won.toLocaleString("en-US")}원`, { bareUnit })).toEqual({ ok: true, value: won });
      }),
    );
  });

  it("when any amount up to 1조 is written the Korean way (억, 만, 원), then it reads back the same", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_MONEY_WON - 1 }), fc.constantFrom("", " "), (won, gap) => {
        const groups: Array<[number, string]> = [
          [Math.floor(won / EOK), "억"],
          [Math.floor((won % EOK) / MAN), "만"],
          [won % MAN, ""],
        ];
        const text = groups.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join(gap) + "원";
        expect(parseMoney(text)).toEqual({ ok: true, value: won });
      }),
    );
  });
});
