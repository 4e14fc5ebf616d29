import { foldText, normalizeText } from "../../../bot/parse/normalize-text";

describe("normalizeText", () => {
  it.each<[string, string]>([
    ["네!", "네"],
    ["  네 ㅠㅠ  ", "네"],
    ["넵 ㅋㅋㅋ 👍🏻", "넵"],
    ["ＹＥＳ", "yes"],
    ["Card-Loan!", "cardloan"],
    ["②번", "2번"],
    ["기타 (직접 입력)", "기타직접입력"],
    ["ㅎㅠ", ""],
  ])("when given %p, then it gives %p", (text, normalized) => {
    expect(normalizeText(text)).toBe(normalized);
  });
});

describe("foldText", () => {
  it.each<[string, string]>([
    ["  1,200,000 ＷＯＮ ", "1,200,000 won"],
    ["０１０－１２３４", "010-1234"],
    ["3천  5백 😅", "3천 5백"],
  ])("when given %p, then it keeps punctuation and gives %p", (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });
});
