import fc from "fast-check";
import { parseYesNo } from "../../../bot/parse/parse-yes-no";

describe("parseYesNo", () => {
  it.each([
    "네", "넵", "예", "응", "ㅇㅇ", "ㅇ", "맞아요", "맞습니다", "맞아", "그래요", "그렇습니다", "있어요", "있습니다", "있음",
    "동의", "동의합니다", "좋아요", "yes", "y", "yeah", "ok", "sure",
    "네!", "네.", "네~", "네 ㅠㅠ", "넵 ㅎㅎ", "네 👍", "YES", "Ｙｅｓ", "네 맞아요", "네, 동의합니다", "OK!",
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

  it.each(["", "   ", "ㅋㅋㅋ", "ㅎㅠ", "글쎄요", "잘 모르겠어요", "네 아니요", "maybe", "350만원", "네 네 네 네", "!!!"])(
    "when the resident types %p, then it asks again",
    (text) => {
      expect(parseYesNo(text)).toEqual({ ok: false, reason: { key: "parse.yesNo.invalid" } });
    },
  );

  it("when given any string, then it never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), (text) => {
        expect(typeof parseYesNo(text).ok).toBe("boolean");
      }),
    );
  });
});
