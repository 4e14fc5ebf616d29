import { parseNumberWord } from "../../../bot/parse/parse-number-word";

describe("parseNumberWord", () => {
  it.each<[string, number, number, boolean]>([
    ["하나", 1, 2, false],
    ["둘", 2, 1, false],
    ["셋이요", 3, 1, false],
    ["넷", 4, 1, false],
    ["열", 10, 1, false],
    ["스물", 20, 2, false],
    ["서른", 30, 2, false],
    ["마흔다섯", 45, 4, false],
    ["일흔넷이에요", 74, 3, false],
    ["아흔아홉", 99, 4, false],
    ["한", 1, 1, true],
    ["두", 2, 1, true],
    ["세", 3, 1, true],
    ["네", 4, 1, true],
    ["스무", 20, 2, true],
    ["열한", 11, 2, true],
    ["두세", 3, 2, true],
    ["한두", 2, 2, true],
    ["서너", 4, 2, true],
    ["대여섯", 6, 3, false],
    ["사십오", 45, 3, false],
    ["칠백점", 700, 2, false],
    ["십", 10, 1, false],
    ["twelve", 12, 6, false],
    ["twenty-five", 25, 11, false],
    ["seventy", 70, 7, false],
    ["zero", 0, 4, false],
  ])("when given %p, then it reads %p over %p characters (needs a counter: %p)", (word, value, length, needsCounter) => {
    expect(parseNumberWord(word)).toEqual({ value, length, needsCounter });
  });

  it.each(["", "이", "오", "삼", "사이", "요", "yes", "abc", "만", "twentyish"])("when given %p, then it reads no number", (word) => {
    expect(parseNumberWord(word)).toBeUndefined();
  });
});
