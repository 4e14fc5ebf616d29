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
import type { SafetySignal } from "../../../bot/safety/detect-safety-signals";
import { detectSafetySignals } from "../../../bot/safety/detect-safety-signals";

type Row = readonly [text: string, signals: readonly SafetySignal[]];

const SELF_HARM: readonly Row[] = [
  ["죽고싶다", ["self_harm"]],
  ["죽고 싶어", ["self_harm"]],
  ["죽고 싶어요", ["self_harm"]],
  ["죽고싶당", ["self_harm"]],
  ["죽 고 싶 어", ["self_harm"]],
  ["죽고 싶어요ㅠㅠ", ["self_harm"]],
  ["죽고십다", ["self_harm"]],
  ["죽구 싶어", ["self_harm"]],
  ["죽고파", ["self_harm"]],
  ["쥭고싶다...", ["self_harm"]],
  ["주꼬 시퍼", ["self_harm"]],
  ["진짜 죽고싶다 🥲", ["self_harm"]],
  ["뒤지고 싶다", ["self_harm"]],
  ["자살", ["self_harm"]],
  ["자살하고 싶어요", ["self_harm"]],
  ["자 살 하 고 싶 어", ["self_harm"]],
  ["자살 생각이 자꾸 들어요", ["self_harm"]],
  ["자해", ["self_harm"]],
  ["자해를 했어요", ["self_harm"]],
  ["살기 싫어", ["self_harm"]],
  ["살기싫다", ["self_harm"]],
  ["살고 싶지 않아요", ["self_harm"]],
  ["사라지고 싶어", ["self_harm"]],
  ["그냥 사라지고 싶어요..", ["self_harm"]],
  ["다 끝내고 싶어", ["self_harm"]],
  ["이제 다 끝내고 싶어요", ["self_harm"]],
  ["모든 걸 끝내고 싶어요", ["self_harm"]],
  ["극단적 선택", ["self_harm"]],
  ["극단적인 생각까지 했어요", ["self_harm"]],
  ["그냥 죽을까 봐요", ["self_harm"]],
  ["죽는 게 나을 것 같아요", ["self_harm"]],
  ["죽으려고 약을 모았어요", ["self_harm"]],
  ["손목을 그었어요", ["self_harm"]],
  ["뛰어내리고 싶어요", ["self_harm"]],
  ["유서를 써 놨어요", ["self_harm"]],
  ["목숨을 끊고 싶어요", ["self_harm"]],
  ["살 이유가 없어요", ["self_harm"]],
  ["죽을 용기도 없어요", ["self_harm"]],
  ["제가 없어지면 가족이 편할 것 같아요", ["self_harm"]],
  ["죽고 싶은 마음이 없진 않아요", ["self_harm"]],
  ["죽고 싶은 생각이 없어지질 않아요", ["self_harm"]],
  ["빚 때문에 너무 힘들어서 죽고 싶어요", ["self_harm"]],
  ["죽\u200b고\u200b싶\u200b어", ["self_harm"]],
  ["I want to die", ["self_harm"]],
  ["i wanna die", ["self_harm"]],
  ["I want to dieeee", ["self_harm"]],
  ["Ｉ ＷＡＮＴ ＴＯ ＤＩＥ", ["self_harm"]],
  ["kill myself", ["self_harm"]],
  ["I'm going to kill myself", ["self_harm"]],
  ["end it all", ["self_harm"]],
  ["I just want to end it all.", ["self_harm"]],
  ["I feel suicidal", ["self_harm"]],
  ["I don’t want to live anymore", ["self_harm"]],
  ["I wish I was dead", ["self_harm"]],
  ["sometimes I want to hurt myself", ["self_harm"]],
  ["No, I want to die", ["self_harm"]],
  ["I don't know, I want to die", ["self_harm"]],
  ["자살하면 빚은 어떻게 되나요?", ["self_harm"]],
];

const DISTRESS: readonly Row[] = [
  ["힘들어 죽겠어요", ["distress"]],
  ["바빠 죽겠네", ["distress"]],
  ["죽겠네 바빠서", ["distress"]],
  ["배고파 죽을 것 같아", ["distress"]],
  ["이자 때문에 죽을 맛이에요", ["distress"]],
  ["너무 힘들어요", ["distress"]],
  ["살기 힘들어요", ["distress"]],
  ["사는 게 너무 힘들어요", ["distress"]],
  ["더는 못 버티겠어요", ["distress"]],
  ["희망이 없어요", ["distress"]],
  ["미치겠어요 진짜", ["distress"]],
  ["이렇게 살기 싫어요", ["distress"]],
  ["안 좋은 생각이 자꾸 들어요", ["distress"]],
  ["자살예방 상담전화 번호가 뭐예요?", ["distress"]],
  ["죽고 싶지 않은데 너무 힘들어요", ["distress"]],
  ["제가 죽으면 빚은 어떻게 돼요?", ["distress"]],
  ["제발 살려주세요", ["distress"]],
  ["this is killing me", ["distress"]],
  ["This debt is killing me", ["distress"]],
  ["I can't take it anymore", ["distress"]],
  ["I feel hopeless", ["distress"]],
  ["scared to death", ["distress"]],
];

const THREAT: readonly Row[] = [
  ["회사에 알린대요", ["threat"]],
  ["회사에 알린다고 했어요", ["threat"]],
  ["회사에 알리겠대요", ["threat"]],
  ["집에 찾아온대요", ["threat"]],
  ["집까지 찾아왔어요", ["threat"]],
  ["가족한테 다 말한대요", ["threat"]],
  ["죽여버린대요", ["threat"]],
  ["돈 안 갚으면 회사에 다 알린다", ["threat"]],
  ["내일까지 입금 안하면 니 와이프한테 다 말한다", ["threat"]],
  ["가족한테 연락한다고 협박해요", ["threat"]],
  ["협박 문자가 계속 와요", ["threat"]],
  ["가만 안 둔다", ["threat"]],
  ["너 어디 사는지 다 안다", ["threat"]],
  ["애들 학교 어딘지 안다고 했어요", ["threat"]],
  ["밤길 조심해라", ["threat"]],
  ["전화로 욕설을 해요", ["threat"]],
  ["지인들한테 연락 돌린대요", ["threat"]],
  ["죽고 싶냐?", ["threat"]],
  ["threatened to tell my boss", ["threat"]],
  ["They said they'd call my family", ["threat"]],
  ["we know where you live", ["threat"]],
];

const SEXUAL_IMAGES: readonly Row[] = [
  ["사진 뿌린대요", ["sexual_images"]],
  ["몸캠", ["sexual_images"]],
  ["몸캠 피싱 당했어요", ["sexual_images"]],
  ["나체 사진 보내래요", ["sexual_images"]],
  ["알몸 사진을 요구해요", ["sexual_images"]],
  ["사채업자가 나체사진 뿌린다고 해요", ["sexual_images"]],
  ["영상 유포한대요", ["sexual_images"]],
  ["야한 사진 보내라고 했어요", ["sexual_images"]],
  ["동영상 퍼뜨린대요", ["sexual_images"]],
  ["nudes", ["sexual_images"]],
  ["they want nude photos", ["sexual_images"]],
  ["they will post my pictures online", ["sexual_images"]],
];

const VIOLENCE: readonly Row[] = [
  ["때린대요", ["violence"]],
  ["떄린대요", ["violence"]],
  ["맞았어요", ["violence"]],
  ["남편한테 맞았어요", ["violence"]],
  ["폭행당했어요", ["violence"]],
  ["감금당했어요", ["violence"]],
  ["주먹으로 때렸어요", ["violence"]],
  ["멱살을 잡혔어요", ["violence"]],
  ["손가락 잘라버린대요", ["violence"]],
  ["he hit me", ["violence"]],
  ["they beat me up", ["violence"]],
  ["he came with a knife", ["violence"]],
];

const SEVERAL: readonly Row[] = [
  ["사진 뿌린다고 협박하고 죽고 싶어요", ["self_harm", "sexual_images", "threat"]],
  ["사진 가족한테 뿌린다", ["sexual_images", "threat"]],
  ["몸캠 영상으로 협박받고 있어요", ["sexual_images", "threat"]],
  ["칼로 위협했어요", ["threat", "violence"]],
  ["때린다고 협박해요", ["threat", "violence"]],
  ["회사에 알린대요 너무 무서워요", ["threat", "distress"]],
  ["맞을까 봐 너무 무서워요", ["violence", "distress"]],
  ["입금 안되면 니 몸캠 영상 지인들한테 다 뿌림", ["sexual_images", "threat"]],
  ["they threatened to post my photos and I want to die", ["self_harm", "sexual_images", "threat"]],
];

/** Ordinary answers to the triage's questions, denials, and words that only look alike. */
const NOTHING: readonly Row[] = [
  ["1200만원", []],
  ["1,200만원이요", []],
  ["대충 300 정도요", []],
  ["3억 2천", []],
  ["카드값", []],
  ["카드값 밀렸어요", []],
  ["대출 갚느라 힘들어요", []],
  ["네", []],
  ["아니요", []],
  ["몰라요", []],
  ["네 가끔", []],
  ["죽 먹었어요", []],
  ["죽전역", []],
  ["죽전동 살아요", []],
  ["호박죽 먹고 싶어요", []],
  ["사진", []],
  ["회사", []],
  ["연락이 와요", []],
  ["회사에서 연락이 와요", []],
  ["엄마한테까지 전화가 갔어요", []],
  ["신분증 사진 보내래요", []],
  ["I'm dying to know", []],
  ["killing time", []],
  ["the deadline is friday", []],
  ["죽고 싶은 생각은 없어요", []],
  ["아니요, 그런 생각은 없어요", []],
  ["자살 생각 없어요", []],
  ["죽고 싶진 않아요", []],
  ["자해한 적 없어요", []],
  ["I don't want to die", []],
  ["I'm not suicidal", []],
  ["협박은 없었어요", []],
  ["맞은 적은 없어요", []],
  ["3명이요", []],
  ["혼자 살아요", []],
  ["혼자살아요", []],
  ["월 200 벌어요", []],
  ["회사 다녀요", []],
  ["일용직이에요", []],
  ["만 45살이에요", []],
  ["경기도 의정부에 살아요", []],
  ["이자 살짝 올랐어요", []],
  ["이자가 살인적이에요", []],
  ["빚 다 끝내고 싶어요", []],
  ["상담 끝내고 싶어요", []],
  ["빚이 없어졌으면 좋겠어요", []],
  ["네 맞아요", []],
  ["네 맞았어요", []],
  ["주사 맞고 왔어요", []],
  ["칼국수 먹었어요", []],
  ["누드김밥 좋아해요", []],
  ["목욕하고 왔어요", []],
  ["회사 때려치웠어요", []],
  ["같이 가자 해서 왔어요", []],
  ["세금 체납이 있어요", []],
  ["나 체크카드만 있어요", []],
  ["엄마한테 말할 거예요", []],
  ["사유서 냈어요", []],
  ["신용점수 650점이요", []],
  ["my phone died", []],
  ["hit me up later", []],
  ["I hit my limit", []],
  ["부모님이 돌아가시면 빚이 상속되나요?", []],
  ["죽기 살기로 갚을게요", []],
  ["목숨 걸고 갚겠습니다", []],
];

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
