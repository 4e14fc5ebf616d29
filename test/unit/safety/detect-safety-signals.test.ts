/**
 * The phrase table of the safety detector: what a resident types, or pastes from a lender, and
 * the exact set of signals it must raise, in the order they are reported.
 *
 * Crisis policy (err on the side of showing 109 gently):
 * - self_harm: an explicit wish to die or to disappear, a plan, or self-harm ("죽고 싶어요", "살고
 *   싶지 않아요", "다 끝내고 싶어", "I want to die"). The core shows 109 at once and records the
 *   risk. A denial is not a wish ("죽고 싶은 생각은 없어요", "I don't want to die": nothing).
 * - distress: death as a figure of speech ("힘들어 죽겠어요", "바빠 죽겠네", "this is killing me")
 *   and intensified despair ("너무 힘들어요", "희망이 없어요", "이렇게 살기 싫어요"): a gentle line
 *   with 109, nothing recorded. Plain tiredness ("대출 갚느라 힘들어요") is nothing. A message with
 *   self_harm does not also report distress.
 * - threat, sexual_images, violence: reported ("회사에 알린대요") or pasted as the lender wrote it
 *   ("회사에 다 알린다"): 112 and 1332. A threat to spread photos is sexual_images; naming whom
 *   they go to ("가족한테 뿌린다") makes it a threat too.
 */
import { detectSafetySignals } from "../../../bot/safety/detect-safety-signals";
import { DISTRESS, NOTHING, SELF_HARM, SEVERAL, SEXUAL_IMAGES, THREAT, VIOLENCE } from "../../fixtures/safety/safety-phrases";

describe("detectSafetySignals", () => {
  it("when the table is counted, then it holds at least 80 positive and 30 negative phrases", () => {
    expect(SELF_HARM.length + DISTRESS.length + THREAT.length + SEXUAL_IMAGES.length + VIOLENCE.length + SEVERAL.length).toBeGreaterThanOrEqual(80);
    expect(NOTHING.length).toBeGreaterThanOrEqual(30);
  });

  it.each([...SELF_HARM, ...DISTRESS, ...THREAT, ...SEXUAL_IMAGES, ...VIOLENCE, ...SEVERAL, ...NOTHING])(
    "when a resident types %p, then the signals are exactly %p",
    (text, signals) => {
      expect(detectSafetySignals(text).map((finding) => finding.signal)).toEqual(signals);
    },
  );

  it("when a signal is found, then its evidence is the resident's words around it", () => {
    expect(detectSafetySignals("카드값이 밀려서 너무 힘들고 요즘은 죽고 싶어요 ㅠㅠ")).toEqual([{ signal: "self_harm", evidence: "죽고 싶어요" }]);
    expect(detectSafetySignals("돈 안 갚으면 회사에 다 알린다")).toEqual([{ signal: "threat", evidence: "회사에 다 알린다" }]);
    expect(detectSafetySignals("He HIT me")).toEqual([{ signal: "violence", evidence: "hit me" }]);
  });

  it("when a message is one long word, then the evidence is cut to 80 characters", () => {
    const [finding] = detectSafetySignals(`${"가".repeat(300)}죽고싶어${"나".repeat(300)}`);
    expect(finding?.signal).toBe("self_harm");
    expect(finding?.evidence.length).toBeLessThanOrEqual(80);
    expect(finding?.evidence).toContain("죽고싶");
  });

  it("when the same signal is written twice, then it is reported once", () => {
    expect(detectSafetySignals("자살하고 싶어요. 정말 죽고 싶어요. I want to die")).toEqual([{ signal: "self_harm", evidence: "자살하고" }]);
  });

  it("when Hangul arrives decomposed (NFD) or full-width, then it reads the same", () => {
    expect(detectSafetySignals("죽고 싶어요".normalize("NFD")).map((f) => f.signal)).toEqual(["self_harm"]);
    expect(detectSafetySignals("ｋｉｌｌ ｍｙｓｅｌｆ").map((f) => f.signal)).toEqual(["self_harm"]);
  });

  it("when a message is longer than 2,000 characters, then its head and its last 500 characters are read", () => {
    const filler = "카드값 300 밀렸어요. ".repeat(400);
    expect(detectSafetySignals(`죽고 싶어요 ${filler}`).map((f) => f.signal)).toEqual(["self_harm"]);
    expect(detectSafetySignals(`${filler} 사진 뿌린대요`).map((f) => f.signal)).toEqual(["sexual_images"]);
    expect(detectSafetySignals(`${filler.slice(0, 2500)} 때린대요 ${filler}`)).toEqual([]);
  });

  it("when the head and the tail meet, then no phrase is read across the cut", () => {
    const text = `${"가".repeat(1998)}죽고${"다".repeat(1000)}싶어${"요".repeat(498)}`;
    expect(detectSafetySignals(text)).toEqual([]);
    expect(detectSafetySignals(`${"가".repeat(1990)}죽고싶어${"다".repeat(1000)}싶어${"요".repeat(498)}`).map((f) => f.signal)).toEqual(["self_harm"]);
  });
});
