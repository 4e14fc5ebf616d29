import fc from "fast-check";
import { isDontKnow } from "../../../bot/parse/is-dont-know";

describe("isDontKnow", () => {
  it.each([
    "몰라요", "모르겠어요", "잘 몰라요", "잘 모르겠어요", "모름", "몰라", "모릅니다", "기억 안 나요", "기억이 안 나요", "기억이 잘 안 나요",
    "기억 안남", "기억에 없어요", "생각이 안 나요", "글쎄요", "글쎄", "음 잘 모르겠네요", "정확히는 모르겠어요", "빚이 얼마인지 정확히 몰라요",
    "있는지 없는지 헷갈려요", "확인 안 해봤어요", "모르겠어요 ㅠㅠ", "몰라요!", "I don't know", "i dont know", "I do not know", "not sure",
    "I'm not sure", "Not really sure", "no idea", "No idea, sorry", "dunno", "idk", "I can't remember", "don't remember", "no clue", "unsure",
    "I don’t know",
  ])("when the resident types %p, then it is a don't-know", (text) => {
    expect(isDontKnow(text)).toBe(true);
  });

  it.each([
    "", "   ", "네", "아니요", "없어요", "300만원", "정확히는 모르겠는데 300쯤", "몰라요 한 3개월?", "모르는 사람한테 빌렸어요", "몰랐어요",
    "I know", "yes", "no", "not much", "I don't know, maybe 3 million",
    "카드값이 밀려서 사채를 썼는데 얼마인지 모르겠고 협박 문자가 계속 와요 너무 무서워요",
  ])("when the resident types %p, then it is not a don't-know", (text) => {
    expect(isDontKnow(text)).toBe(false);
  });

  it("when given any string, then it never throws, and a text with a digit is never a don't-know", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom(..."몰라요기억안나 0123456789") })), (text) => {
        const shrug = isDontKnow(text);
        expect(typeof shrug).toBe("boolean");
        expect(shrug && /\d/.test(text.normalize("NFKC"))).toBe(false);
      }),
    );
  });
});
