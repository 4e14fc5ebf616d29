import fc from "fast-check";
import { parseCount } from "../../../bot/nodes/parse-count";

const number = (min: number, max: number) => ({ ok: false, reason: { key: "engine.error.number", params: { min, max } } });

describe("parseCount", () => {
  it.each<[string, number]>([
    ["3", 3], ["3명", 3], ["3명이요", 3], ["45세", 45], ["만 45세", 45], ["세 명", 3], ["네 명", 4], ["네 식구", 4], ["한 명", 1],
    ["마흔다섯", 45], ["마흔다섯 살", 45], ["일흔넷", 74], ["일흔넷이에요", 74], ["서른", 30], ["스무 번", 20], ["스무 번쯤", 20],
    ["하나", 1], ["하나요", 1], ["둘", 2], ["둘이요", 2], ["셋", 3], ["넷이에요", 4], ["열 번", 10], ["10번 넘게", 10], ["사십오 세", 45],
    ["두세 번", 3], ["한두 번", 2], ["서너 번", 4], ["2~3번", 3], ["2-3명", 3], ["one or two", 2], ["2 or 3 times", 3],
    ["혼자", 1], ["혼자요", 1], ["저 혼자요", 1], ["혼자 살아요", 1], ["just me", 1], ["only me", 1], ["I live alone", 1],
    ["저까지 2명이요", 2], ["저 포함 3명", 3], ["본인 포함 4명이에요", 4], ["우리 식구 넷", 4], ["가족은 넷이에요", 4], ["아내랑 둘이서 살아요", 2],
    ["저랑 남편", 2], ["남편이랑 살아요", 2], ["아이랑 저", 2], ["남편이랑 저랑 아이", 3], ["me and my wife", 2], ["I live with my wife", 2],
    ["one", 1], ["two", 2], ["twelve", 12], ["Seventy four", 74], ["twenty-five", 25], ["I'm 74", 74], ["45 years old", 45],
    ["650점", 650], ["칠백 점", 700], ["about 20 calls", 20], ["10 times", 10], ["네 3명이요", 3],
    ["없어요", 0], ["한 번도 없어요", 0], ["한 번도 안 왔어요", 0], ["none", 0], ["never", 0], ["0", 0], ["0번", 0],
  ])("when the resident types %p, then it reads %p", (text, value) => {
    expect(parseCount(text, 0, 1000)).toEqual({ ok: true, value });
  });

  it.each([
    "", "네", "네!", "네네", "응", "예", "넵", "아니요", "yes", "no", "ok", "세", "한", "두", "세요", "두세 달", "3개월", "7일", "2020년",
    "하루에 10번", "매일 와요", "남편이랑 애 둘", "혼자 애 키워요", "me and my wife and two kids", "with my parents", "2명인지 3명인지",
    "셀 수 없이 많아요", "거의 없어요", "-3",
  ])("when the resident types %p, then it asks again and never guesses a number", (text) => {
    expect(parseCount(text, 0, 1000)).toEqual(number(0, 1000));
  });

  it("when a count is outside the question's range, then it says the range", () => {
    expect(parseCount("열한 명", 1, 10)).toEqual({ ok: false, reason: { key: "engine.error.numberRange", params: { min: 1, max: 10 } } });
    expect(parseCount("없어요", 1, 10)).toEqual({ ok: false, reason: { key: "engine.error.numberRange", params: { min: 1, max: 10 } } });
    expect(parseCount("열 살", 14, 120)).toEqual({ ok: false, reason: { key: "engine.error.numberRange", params: { min: 14, max: 120 } } });
  });

  it("when given any string, then it never throws and any count is a whole number in range", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom(..."0123456789 명번살세네두한셋둘마흔스무~-혼자") })), (text) => {
        const result = parseCount(text, 1, 10);
        const value = result.ok ? result.value : 1;
        expect(Number.isSafeInteger(value) && value >= 1 && value <= 10).toBe(true);
      }),
    );
  });
});
