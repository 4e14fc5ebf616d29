import { parseSinoNumber } from "../../../bot/parse/parse-sino-number";

describe("parseSinoNumber", () => {
  it.each<[string, number]>([
    ["일", 1],
    ["십", 10],
    ["십일", 11],
    ["이십", 20],
    ["백오", 105],
    ["삼백오십", 350],
    ["천", 1000],
    ["삼천오백", 3500],
    ["구천구백구십구", 9999],
  ])("when given %p, then it reads %p", (text, value) => {
    expect(parseSinoNumber(text)).toEqual({ ok: true, value });
  });

  it.each(["", "만", "십백", "삼오", "하나", "3"])("when given %p, then it does not read a number", (text) => {
    expect(parseSinoNumber(text)).toEqual({ ok: false, reason: { key: "parse.number.invalid" } });
  });
});
