import fc from "fast-check";
import { MAX_MONEY_WON } from "../../../bot/parse/parse-amount";
import { parseMoney, parseMoneyPeriod } from "../../../bot/parse/parse-money";

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
    ["no", "parse.money.invalid"],
    ["-500", "parse.money.negative"],
    ["마이너스 500", "parse.money.negative"],
    ["abc", "parse.money.invalid"],
    ["1억억", "parse.money.invalid"],
    ["1만억", "parse.money.invalid"],
    ["1억 12000만", "parse.money.several"],
    ["350만 20000", "parse.money.several"],
    ["3.5.1", "parse.money.invalid"],
    ["1,20", "parse.money.invalid"],
    ["1 200", "parse.money.several"],
    ["원", "parse.money.invalid"],
    ["이", "parse.money.invalid"],
    ["두 달", "parse.money.invalid"],
    ["삼오", "parse.money.invalid"],
    ["12백", "parse.money.invalid"],
    ["5백3천", "parse.money.invalid"],
    ["350원원", "parse.money.invalid"],
    ["1.5", "parse.money.invalid"],
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

  it.each<[string, number]>([
    ["대충 1200만원 돼요", 12_000_000],
    ["한 달에 290만원쯤 들어와요", 2_900_000],
    ["빚이 3천 정도 있어요", 30_000_000],
    ["빚이 모두 1억 2천만원 정도 돼요", 120_000_000],
    ["카드값만 3천이고요", 30_000_000],
    ["음 한 500?", 5_000_000],
    ["300 정도", 3_000_000],
    ["300쯤", 3_000_000],
    ["약 300", 3_000_000],
    ["300 넘게요", 3_000_000],
    ["삼백만원", 3_000_000],
    ["천이백만 원", 12_000_000],
    ["삼백이요", 3_000_000],
    ["30 million won", 30_000_000],
    ["about 30 million won", 30_000_000],
    ["30 million", 30_000_000],
    ["2 million won", 2_000_000],
    ["2.5 million", 2_500_000],
    ["300k", 300_000],
    ["3 million a month", 3_000_000],
    ["around 9 million won, I think", 9_000_000],
    ["1.2 billion", 1_200_000_000],
    ["It's about 40 million won in total", 40_000_000],
    ["연봉 3600", 36_000_000],
    ["월급 250", 2_500_000],
  ])("when the amount sits in the sentence %p, then it reads %p won", (text, won) => {
    expect(parseMoney(text, { bareUnit: 10000 })).toEqual({ ok: true, value: won });
  });

  it.each<[string, number]>([
    ["200에서 250 사이", 2_250_000],
    ["200~250만원", 2_250_000],
    ["300~400만원", 3_500_000],
    ["2~3천", 25_000_000],
    ["2천에서 3천 사이요", 25_000_000],
    ["이백에서 삼백", 2_500_000],
    ["1억에서 1억 5천 사이", 125_000_000],
    ["3천 내지 4천", 35_000_000],
    ["2 or 3 million", 2_500_000],
    ["200-250", 2_250_000],
    ["150에서 155 사이", 1_530_000],
  ])("when the resident gives the range %p, then it reads its midpoint to the nearest 만원, %p won", (text, won) => {
    expect(parseMoney(text, { bareUnit: 10000 })).toEqual({ ok: true, value: won });
  });

  it.each(["0", "없어요", "빚 없어요", "소득이 하나도 없어요", "한 푼도 없어요", "수입 없음", "none", "no income", "nothing", "I don't earn anything"])(
    "when the resident says %p, then it reads 0",
    (text) => {
      expect(parseMoney(text, { bareUnit: 10000 })).toEqual({ ok: true, value: 0 });
    },
  );

  it.each<[string, string]>([
    ["카드 300 대출 500", "parse.money.several"],
    ["작년엔 3천 올해는 2천", "parse.money.several"],
    ["100, 200", "parse.money.several"],
    ["얼마 없어요", "parse.money.invalid"],
    ["거의 없어요", "parse.money.invalid"],
    ["많이 있어요", "parse.money.invalid"],
    ["네", "parse.money.invalid"],
    ["빚이 2조 있어요", "parse.money.tooLarge"],
    ["대략 -300", "parse.money.negative"],
  ])("when the sentence is %p, then it asks again with %p", (text, key) => {
    expect(parseMoney(text, { bareUnit: 10000 })).toEqual({ ok: false, reason: { key } });
  });
});

describe("parseMoneyPeriod", () => {
  it.each<[string, "month" | "year" | undefined]>([
    ["한 달에 100만원", "month"],
    ["한달 100", "month"],
    ["월 100", "month"],
    ["월100", "month"],
    ["매달 100", "month"],
    ["매월 100만원", "month"],
    ["월급 250", "month"],
    ["달마다 80", "month"],
    ["100 a month", "month"],
    ["3 million per month", "month"],
    ["monthly 2 million", "month"],
    ["1년에 3천", "year"],
    ["일 년에 3천", "year"],
    ["연봉 3600", "year"],
    ["연 3600만원", "year"],
    ["작년에 2천 벌었어요", "year"],
    ["30 million a year", "year"],
    ["annual income 30 million", "year"],
    ["3000만원", undefined],
    ["3월에 300", undefined],
    ["12월 300", undefined],
    ["연체 300", undefined],
    ["한 달에 300, 1년이면 3600", undefined],
  ])("when the resident types %p, then the figure is stated per %p", (text, period) => {
    expect(parseMoneyPeriod(text)).toBe(period);
  });

  it("when given any string, then it never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom(..."한달월매년연봉 0123456789am") })), (text) => {
        expect([undefined, "month", "year"]).toContain(parseMoneyPeriod(text));
      }),
    );
  });
});
