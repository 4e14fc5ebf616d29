import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Express } from "express";
import request from "supertest";
import type { CardButton, SkillResponse, TextCard } from "../../server/channels/kakao/kakao-payload-schema";
import { skillResponseSchema } from "../../server/channels/kakao/kakao-payload-schema";
import { parseConfig } from "../../server/config";
import { assertValidSkillResponse } from "../support/check-kakao-response";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../support/flow-harness";
import { buildTestApp } from "../support/test-app";

const NOW = "2026-12-03T10:00:00+09:00";
/** One answer of a walk: a tap's option id or typed text. */
type UserInput = ReturnType<typeof walkInputs>[number];
const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-kakao-result-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir, RATE_LIMIT_IP_PER_MINUTE: "100000", RATE_LIMIT_SESSION_PER_MINUTE: "100000" }, now: NOW });
const CENTER_PHONE = parseConfig({ NODE_ENV: "test" }).CENTER_PHONE;

afterAll(async () => {
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A card debtor who also owes a loan shark that threatens her, and who has thought of dying (no real person). */
const VICTIM: Readonly<Record<string, UserInput>> = {
  ...CARD_DEBTOR_ANSWERS, safety_check: { optionId: "yes" }, has_illegal_loan: { optionId: "yes" }, illegal_threats: { optionId: "yes" },
  illegal_images: { optionId: "yes" }, illegal_registered: { optionId: "no" }, illegal_terms_gate: { optionId: "yes" },
  illegal_received: { text: "50만원" }, illegal_repay: { text: "80만원" }, illegal_days: { text: "10일" }, illegal_contacts_7d: { text: "20번" },
};

/** An amount in raw digits ("30,000,000원") instead of as people say it. */
const RAW_AMOUNT = /\d{1,3}(,\d{3}){2,}\s?(원|won)/;
const SENTENCE_END = /[.!?。]["'”’)\]]*$/;

type Payload = { userRequest: { utterance: string; lang?: string | null; user: { id: string } }; action: { clientExtra: unknown } };
const firstMessage: Payload = JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", "kakao", "first-message.json"), "utf8"));

/** A KakaoTalk user who types, taps quick replies and taps card buttons; every answer is kept. */
function kakaoUser(target: Express, userId: string, lang = "ko") {
  const answers: SkillResponse[] = [];
  const send = async (utterance: string, clientExtra: unknown): Promise<SkillResponse> => {
    const body = { ...firstMessage, userRequest: { ...firstMessage.userRequest, utterance, lang, user: { ...firstMessage.userRequest.user, id: userId } }, action: { ...firstMessage.action, clientExtra } };
    const res = await request(target).post("/kakao/skill").send(body);
    expect(res.status).toBe(200);
    assertValidSkillResponse(res.body, { softTextLimit: false });
    const answer = skillResponseSchema.parse(res.body);
    answers.push(answer);
    return answer;
  };
  return {
    answers,
    say: (text: string) => send(text, null),
    /** A tap on a quick reply or a message button: its text as the utterance, its extra as clientExtra. */
    tap: (button: { messageText?: string; extra?: unknown }) => send(button.messageText ?? "", button.extra ?? null),
    tapOption: (optionId: string) => {
      const reply = answers.at(-1)?.template.quickReplies?.find((q) => q.extra.optionId === optionId);
      return send(reply?.messageText ?? optionId, { optionId });
    },
    async walk(inputs: readonly UserInput[]) {
      await send("안녕하세요", null);
      for (const input of inputs) await (input.optionId !== undefined ? this.tapOption(input.optionId) : this.say(input.text ?? ""));
      return answers.at(-1) ?? skillResponseSchema.parse({});
    },
  };
}

const textOf = (res: SkillResponse) => res.template.outputs.flatMap((o) => ("simpleText" in o ? [o.simpleText.text] : [])).join("\n");
const simpleTexts = (res: SkillResponse) => res.template.outputs.flatMap((o) => ("simpleText" in o ? [o.simpleText.text] : []));
/** The services carousel: the result's last output. */
function serviceCards(res: SkillResponse): TextCard[] {
  const last = res.template.outputs.at(-1);
  return last && "carousel" in last ? last.carousel.items : [];
}
const allCards = (res: SkillResponse): TextCard[] => res.template.outputs.flatMap((o) => ("textCard" in o ? [o.textCard] : "carousel" in o ? o.carousel.items : []));
const phones = (res: SkillResponse) => allCards(res).flatMap((c) => (c.buttons ?? []).flatMap((b) => (b.action === "phone" && b.phoneNumber ? [b.phoneNumber] : [])));
const button = (card: TextCard | undefined, action: CardButton["action"], optionPrefix = ""): CardButton | undefined =>
  card?.buttons?.find((b) => b.action === action && (optionPrefix === "" || b.extra?.optionId.startsWith(optionPrefix) === true));

describe("POST /kakao/skill: the result a resident can act on", () => {
  it("when a threatened loan-shark victim who thought of dying reaches the result, then every card has buttons and a whole sentence of its own, every urgent number is a phone button, and no amount is in raw digits", async () => {
    const user = kakaoUser(app, "result-victim-0001");
    const result = await user.walk(walkInputs(VICTIM));
    expect(result.template.outputs).toHaveLength(3);
    expect(phones(result)).toEqual(expect.arrayContaining(["112", "109", "1332", "132", CENTER_PHONE]));
    const cards = serviceCards(result);
    expect(cards.length).toBeGreaterThanOrEqual(3);
    const descriptions = cards.map((c) => c.description ?? "");
    expect(new Set(descriptions.map((d) => d.split(" · ").at(-1))).size).toBe(cards.length);
    for (const card of cards) {
      expect({ card: card.title, endsOnSentence: SENTENCE_END.test(card.description ?? "") && !(card.description ?? "").includes("…") }).toEqual({ card: card.title, endsOnSentence: true });
      expect(card.buttons?.map((b) => b.label)).toEqual(["자세히", "센터 전화", "상담 예약하기"]);
    }
    // Every card's 자세히 and the center's contact: still no raw amount, and the urgent numbers stay on every reply.
    for (const card of cards) expect(phones(await user.tap(button(card, "message", "detail:") ?? {}))).toEqual(expect.arrayContaining(["112", "109", "1332", "132"]));
    await user.tapOption("cmd:human");
    const shown = user.answers.map((answer) => JSON.stringify(answer));
    expect(shown.filter((json) => RAW_AMOUNT.test(json)).map((json) => RAW_AMOUNT.exec(json)?.[0])).toEqual([]);
    expect(shown.some((json) => /\d[\d,]*만원/.test(json))).toBe(true);
  });

  it("when 자세히 is tapped on a card, then that service's detail comes as text with a card to call the center; typing '자세히 <name>' or the card's title shows the same", async () => {
    const user = kakaoUser(app, "result-detail-0001");
    const result = await user.walk(walkInputs(CARD_DEBTOR_ANSWERS));
    const card = serviceCards(result).find((c) => c.title === "사전채무조정 (프리워크아웃)");
    const detail = await user.tap(button(card, "message", "detail:") ?? {});
    const text = textOf(detail);
    for (const part of ["사전채무조정 (프리워크아웃)", "연체가 한두 달 이어질 때", "연체 45일이면 사전채무조정 대상일 수 있어요.", "가져오면 좋은 서류: 신분증", "상담 예약하기"]) expect(text).toContain(part);
    expect(serviceCards(detail)).toEqual([]);
    const last = detail.template.outputs.at(-1);
    const actionCard = last && "textCard" in last ? last.textCard : undefined;
    expect(actionCard?.title).toBe("사전채무조정 (프리워크아웃)");
    expect(button(actionCard, "phone")?.phoneNumber).toBe(CENTER_PHONE);
    expect(detail.template.quickReplies?.[0]?.extra.optionId).toBe("booking:start");
    expect(textOf(await user.say("자세히 사전채무조정"))).toBe(text);
    expect(textOf(await user.say("사전채무조정 (프리워크아웃)"))).toBe(text);
    expect(textOf(await user.say("프리워크아웃 자세히 알려주세요"))).toBe(text);
  });

  it("when 상담 예약하기 on a card is tapped, then booking starts as from the quick reply", async () => {
    const [byCard, byReply] = [kakaoUser(app, "result-book-card-0001"), kakaoUser(app, "result-book-reply-0001")];
    const result = await byCard.walk(walkInputs(CARD_DEBTOR_ANSWERS));
    await byReply.walk(walkInputs(CARD_DEBTOR_ANSWERS));
    const fromCard = await byCard.tap(button(serviceCards(result)[0], "message", "booking:") ?? {});
    const fromReply = await byReply.tapOption("booking:start");
    expect(fromCard).toEqual(fromReply);
    expect(fromCard.template.quickReplies?.map((q) => q.extra.optionId)).toContain("booking:specialty:debt");
  });

  it("when 센터 연결 is tapped at the result, then the center's number and weekday hours come with a phone button and booking, without the result again", async () => {
    const user = kakaoUser(app, "result-human-0001");
    const result = await user.walk(walkInputs(CARD_DEBTOR_ANSWERS));
    const human = result.template.quickReplies?.find((q) => q.extra.optionId === "cmd:human");
    expect(human?.label).toBe("센터 연결");
    const answer = await user.tapOption("cmd:human");
    expect(textOf(answer)).toContain(`☎ ${CENTER_PHONE} (평일 근무시간)`);
    expect(phones(answer)).toEqual([CENTER_PHONE]);
    expect(serviceCards(answer)).toEqual([]);
    expect(allCards(answer)[0]?.buttons?.map((b) => b.label)).toEqual(["센터 전화", "상담 예약하기"]);
    expect(answer.template.quickReplies?.[0]?.extra.optionId).toBe("booking:start");
    expect(textOf(await user.say("상담원"))).toBe(textOf(answer));
  });

  it("when 상담원 is typed mid-triage, then the center's number comes with a phone button and the question again", async () => {
    const user = kakaoUser(app, "midway-human-0001");
    await user.walk(walkInputs(CARD_DEBTOR_ANSWERS).slice(0, 3));
    const answer = await user.say("상담원");
    expect(textOf(answer)).toContain(`☎ ${CENTER_PHONE}`);
    expect(textOf(answer)).toContain("모두 합쳐서");
    expect(phones(answer)).toEqual([CENTER_PHONE]);
  });
});

describe("POST /kakao/skill: the first bubble", () => {
  it.each([["ko", "동의해요", "동의하지 않아요"], ["en", "I agree", "I don't agree"]])(
    "when a conversation opens in %s, then the first bubble is under 200 characters and the consent quick replies come with it", async (lang, agree, decline) => {
      const user = kakaoUser(app, `first-bubble-${lang}-0001`, lang);
      const first = await user.say("안녕하세요");
      assertValidSkillResponse(first);
      const [bubble] = simpleTexts(first);
      expect(bubble?.length).toBeLessThan(200);
      expect(first.template.outputs[0]).toEqual({ simpleText: { text: bubble } });
      expect(first.template.quickReplies?.map((q) => [q.label, q.extra.optionId]).slice(0, 2)).toEqual([[agree, "agree"], [decline, "decline"]]);
    });
});

describe("POST /kakao/skill: range buttons at a money question", () => {
  it("when the card debtor refines her result and is asked her own yearly income, then the ranges come as valid quick replies that answer the question when tapped", async () => {
    const user = kakaoUser(app, "kakao-ranges-1");
    const inputs = walkInputs({ ...CARD_DEBTOR_ANSWERS, own_income: { optionId: "range:35000001-45000000" } }, { refine: true, now: NOW });
    await user.say("안녕하세요");
    let ranged: SkillResponse | undefined;
    for (const input of inputs) {
      const answer = await (input.optionId !== undefined ? user.tapOption(input.optionId) : user.say(input.text ?? ""));
      if (answer.template.quickReplies?.some((q) => q.extra.optionId.startsWith("range:")) === true) {
        ranged = answer;
        break;
      }
    }
    if (ranged === undefined) throw new Error("no question offered ranges");
    const replies = (ranged.template.quickReplies ?? []).filter((q) => q.extra.optionId.startsWith("range:"));
    expect(replies.map((q) => q.extra.optionId)).toEqual(["range:0-35000000", "range:35000001-45000000", "range:45000001-"]);
    expect(replies.map((q) => q.messageText)).toEqual(["연 3,500만원 이하", "연 3,500만원 초과~4,500만원 이하", "연 4,500만원 초과"]);
    // A label too long for a button is listed in the bubble in full, so nothing is cut off unseen.
    expect(textOf(ranged)).toContain("• 연 3,500만원 초과~4,500만원 이하");
    const reply = replies[1];
    if (reply === undefined) throw new Error("no middle range");
    const next = await user.tap(reply);
    expect(next.template.quickReplies?.some((q) => q.extra.optionId.startsWith("range:35000001")) ?? false).toBe(false);
    expect(textOf(next)).not.toContain("연 3,500만원 초과~4,500만원 이하");
  });
});
