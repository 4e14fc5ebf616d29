import fc from "fast-check";
import { parseDurationDays, parseDurationMonths } from "../../../bot/parse/parse-duration";

describe("parseDurationDays", () => {
  it.each<[string, number]>([
    ["3개월", 90],
    ["90일", 90],
    ["2주", 14],
    ["1년 반", 548],
    ["1년반", 548],
    ["6개월 반", 195],
    ["한 달 반", 45],
    ["반년", 183],
    ["석 달", 90],
    ["세 달", 90],
    ["두 달", 60],
    ["넉 달", 120],
    ["네 달", 120],
    ["한 달", 30],
    ["다섯 달", 150],
    ["열두 달", 360],
    ["열흘", 10],
    ["보름", 15],
    ["한 달 보름", 45],
    ["하루", 1],
    ["이틀", 2],
    ["사흘", 3],
    ["일주일", 7],
    ["이주", 14],
    ["이십일", 20],
    ["삼개월", 90],
    ["1년", 365],
    ["일년", 365],
    ["두 해", 730],
    ["2년 3개월", 820],
    ["2년하고 3개월", 820],
    ["1.5년", 548],
    ["3달", 90],
    ["3 months", 90],
    ["2 weeks", 14],
    ["10 days", 10],
    ["1 year", 365],
    ["a month", 30],
    ["one year and 2 months", 425],
    ["1 year and a half", 548],
    ["3mo", 90],
    ["45", 45],
    ["0", 0],
    ["0일", 0],
    ["없어요", 0],
    ["안 밀렸어요", 0],
    ["연체 없음", 0],
    ["none", 0],
    ["약 3개월 정도", 90],
    ["3개월째요", 90],
    ["3개월 넘었어요", 90],
    ["벌써 두 달 됐어요", 60],
    ["석 달이요", 90],
  ])("when the resident types %p, then it reads %p days", (text, days) => {
    expect(parseDurationDays(text)).toEqual({ ok: true, value: days });
  });

  it.each<[string, string]>([
    ["", "parse.duration.invalid"],
    ["abc", "parse.duration.invalid"],
    ["오래됐어요", "parse.duration.invalid"],
    ["반", "parse.duration.invalid"],
    ["3개월 2년", "parse.duration.invalid"],
    ["3개월 2개월", "parse.duration.invalid"],
    ["한 일", "parse.duration.invalid"],
    ["삼 달", "parse.duration.invalid"],
    ["1.5", "parse.duration.invalid"],
    ["-3개월", "parse.duration.invalid"],
    ["and", "parse.duration.invalid"],
    ["3.5.1개월", "parse.duration.invalid"],
    ["101년", "parse.duration.tooLong"],
    ["99999", "parse.duration.tooLong"],
    ["9".repeat(30), "parse.duration.tooLong"],
  ])("when the resident types %p, then it asks again with %p", (text, key) => {
    expect(parseDurationDays(text)).toEqual({ ok: false, reason: { key } });
  });

  it("when given any string, then it never throws and any duration is a whole number of days", () => {
    const durationish = fc.string({ unit: fc.constantFrom(..."0123456789. 년개월달주일반한두석넉열흘보름하루이틀months"), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), durationish), (text) => {
        const days = parseDurationDays(text);
        const months = parseDurationMonths(text);
        const values = [days.ok ? days.value : 0, months.ok ? months.value : 0];
        expect(values.every((v) => Number.isSafeInteger(v) && v >= 0)).toBe(true);
        // A bare number is days for one and months for the other, so "7000" is 7,000 days but
        // 7,000 months is too long; otherwise both read the same text alike.
        const [daysOutcome, monthsOutcome] = [days, months].map((r) => (r.ok ? "ok" : r.reason.key));
        expect(daysOutcome === monthsOutcome ? "same" : `${daysOutcome} / ${monthsOutcome}`).toMatch(/^(same|ok \/ parse\.duration\.tooLong)$/);
      }),
    );
  });
});

describe("parseDurationDays in sentences", () => {
  it.each<[string, number]>([
    ["한 3개월 됐어요", 90],
    ["한 3개월", 90],
    ["카드값이 3개월째 밀렸어요", 90],
    ["밀린 지 넉 달이요", 120],
    ["석 달째", 90],
    ["반년", 183],
    ["1년 반", 548],
    ["It's been about 2 months", 60],
    ["3개월 3개월", 90],
    ["벌써 한 1년 됐어요", 365],
  ])("when the duration sits in %p, then it reads %p days", (text, days) => {
    expect(parseDurationDays(text)).toEqual({ ok: true, value: days });
  });

  it.each<[string, number]>([
    ["두세 달", 90],
    ["두세 달 정도", 90],
    ["한두 달", 60],
    ["서너 달", 120],
    ["2~3개월", 90],
    ["2-3개월", 90],
    ["2개월에서 3개월", 90],
    ["2 or 3 months", 90],
    ["two or three months", 90],
  ])("when the resident is unsure between two, %p, then it reads the longer, %p days", (text, days) => {
    expect(parseDurationDays(text)).toEqual({ ok: true, value: days });
  });

  it.each(["안 밀렸어요", "아직 안 밀렸어요", "연체 없어요", "연체는 없어요", "밀린 적 없어요", "한 번도 안 밀렸어요", "제때 내고 있어요", "I'm not behind", "never been late"])(
    "when the resident says %p, then it reads 0",
    (text) => {
      expect(parseDurationDays(text)).toEqual({ ok: true, value: 0 });
    },
  );

  it.each(["얼마 안 됐어요", "오래됐어요", "3개월 전에 50 빌렸어요", "3개월 2개월", "네", "좀 됐어요"])("when the sentence is %p, then it asks again", (text) => {
    expect(parseDurationDays(text)).toEqual({ ok: false, reason: { key: "parse.duration.invalid" } });
  });
});

describe("parseDurationMonths", () => {
  it.each<[string, number]>([
    ["3개월", 3],
    ["1년 반", 18],
    ["2년", 24],
    ["6", 6],
    ["석 달", 3],
    ["90일", 3],
    ["89일", 2],
    ["6개월 반", 6],
    ["2년 3개월", 27],
    ["2주", 0],
    ["1 year", 12],
    ["없어요", 0],
    ["반년", 6],
    ["일한 지 1년 반 됐어요", 18],
    ["회사 다닌 지 2년 정도요", 24],
    ["두세 달", 3],
    ["반년 조금 넘었어요", 6],
  ])("when the resident types %p, then it reads %p months", (text, months) => {
    expect(parseDurationMonths(text)).toEqual({ ok: true, value: months });
  });

  it.each(["", "abc", "1.5", "101년"])("when the resident types %p, then it asks again", (text) => {
    expect(parseDurationMonths(text).ok).toBe(false);
  });

  it("when the resident types a bare number too long in months but not in days, then only the months reading asks again", () => {
    expect(parseDurationDays("7000")).toEqual({ ok: true, value: 7000 });
    expect(parseDurationMonths("7000")).toEqual({ ok: false, reason: { key: "parse.duration.tooLong" } });
  });
});
