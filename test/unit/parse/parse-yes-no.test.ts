import fc from "fast-check";
import { parseYesNo } from "../../../bot/parse/parse-yes-no";

describe("parseYesNo", () => {
  it.each([
    "네", "넵", "예", "응", "ㅇㅇ", "ㅇ", "맞아요", "맞습니다", "맞아", "그래요", "그렇습니다", "있어요", "있습니다", "있음",
    "동의", "동의합니다", "좋아요", "yes", "y", "yeah", "ok", "sure",
    "네!", "네.", "네~", "네 ㅠㅠ", "넵 ㅎㅎ", "네 👍", "YES", "Ｙｅｓ", "네 맞아요", "네, 동의합니다", "OK!", "네 네 네 네",
  ])("when the resident types %p, then it reads yes", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: true });
  });

  it.each([
    "아니요", "아니오", "아뇨", "아니", "ㄴㄴ", "노", "없어요", "없습니다", "없음", "아니에요", "싫어요", "동의 안 함",
    "동의하지 않아요", "no", "n", "nope",
    "아니요!", "아니요 ㅠㅠ", "NO", "동의안함", "아니요, 없어요", "No thanks",
  ])("when the resident types %p, then it reads no", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: false });
  });

  it.each(["", "   ", "ㅋㅋㅋ", "ㅎㅠ", "글쎄요", "잘 모르겠어요", "네 아니요", "maybe", "350만원", "!!!"])(
    "when the resident types %p, then it asks again",
    (text) => {
      expect(parseYesNo(text)).toEqual({ ok: false, reason: { key: "parse.yesNo.invalid" } });
    },
  );

  it.each([
    "네 빚 있어요", "네, 경기도 살아요", "Yes, I agree", "응 맞아", "네 가끔", "가끔요", "조금요", "그런 적 있어요", "sometimes", "a little",
    "yeah sometimes", "가끔 그런 생각 들어요", "네 그래요", "예 동의해요", "네 있습니다", "그런 생각 해 본 적은 있어요", "빚이 좀 있어요",
    "아니요 있어요", "네 못 갚을 것 같아요", "안 갚은 돈이 있어요", "yes I do", "I have", "that's right", "of course", "네 됩니다",
  ])("when the resident answers %p in a sentence, then it reads yes", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: true });
  });

  it.each([
    "아니요, 그런 생각은 없어요", "그런 적 없어요", "안 그래요", "아닌 것 같아요", "not really", "그렇지 않아요", "없는 것 같아요", "네, 없어요",
    "전혀요", "별로요", "그런 생각은 안 해요", "하고 싶지 않아요", "감당 안 돼요", "no I don't", "nope, never", "No, not at all", "I haven't",
    "빚은 없어요", "아니 그런 적 없는데요", "안 받을래요", "딱히 없어요",
  ])("when the resident answers %p in a sentence, then it reads no, the negation winning", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value: false });
  });

  it.each([
    "있었는데 지금은 없어요", "못 갚을 것 같아요", "경기도에 있어요", "서울 살아요", "돈이 없어서 사채를 썼어요", "괜찮아요", "not often",
    "아니요 가끔", "네 아니요 몰라요", "좀 힘들어요", "카드값 3천 밀린 지 넉 달이고 사채도 50 빌렸는데 협박 문자가 와요",
  ])("when the sentence %p is mixed or has no sign, then it asks again rather than guess", (text) => {
    expect(parseYesNo(text)).toEqual({ ok: false, reason: { key: "parse.yesNo.invalid" } });
  });

  it("when given any string, then it never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), (text) => {
        expect(typeof parseYesNo(text).ok).toBe("boolean");
      }),
    );
  });
});
