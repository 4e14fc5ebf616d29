import fc from "fast-check";
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

  it("when given any string, then it never throws and any number is a whole number the word holds", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(..."하나둘셋넷한두세네열스무마흔일흔이삼사오십백천-twentyone") })), (word) => {
        const read = parseNumberWord(word);
        expect(read === undefined || (Number.isSafeInteger(read.value) && read.value >= 0 && read.length >= 1 && read.length <= word.length)).toBe(true);
      }),
    );
  });
});
