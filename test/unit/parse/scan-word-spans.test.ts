import { isRangeBetween, scanWordSpans, splitRangeWords } from "../../../bot/parse/scan-word-spans";

const digitsOnly = (text: string): number | undefined => (/^\d+$/.test(text) ? Number(text) : undefined);

describe("splitRangeWords", () => {
  it.each<[string, string[]]>([
    ["200에서 250 사이", ["200", "에서", "250", "사이"]],
    ["200~250만원", ["200", "~", "250만원"]],
    ["2천-3천", ["2천", "~", "3천"]],
    ["이백에서 삼백", ["이백", "에서", "삼백"]],
    ["1,200,000원, 아마요.", ["1,200,000원", "아마요"]],
    ["around 9 million won, i think", ["around", "9", "million", "won", "i", "think"]],
  ])("when given %p, then the words are %p", (text, words) => {
    expect(splitRangeWords(text)).toEqual(words);
  });
});

describe("scanWordSpans", () => {
  it("when runs of words parse, then each is taken once, longest first from the left", () => {
    const words = ["카드", "300", "대출", "500"];
    expect(scanWordSpans(words, digitsOnly).map((s) => [s.from, s.to, s.value])).toEqual([[1, 2, 300], [3, 4, 500]]);
  });

  it("when two spans are joined by range words only, then they form a range", () => {
    const words = splitRangeWords("200에서 250 사이");
    const [low, high] = scanWordSpans(words, digitsOnly);
    expect(low !== undefined && high !== undefined && isRangeBetween(words, low, high)).toBe(true);
    const apart = splitRangeWords("카드 300 대출 500");
    const [a, b] = scanWordSpans(apart, digitsOnly);
    expect(a !== undefined && b !== undefined && isRangeBetween(apart, a, b)).toBe(false);
  });
});
