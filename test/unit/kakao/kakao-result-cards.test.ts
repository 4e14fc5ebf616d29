import type { ChatTurn } from "../../../bot/conversation/chat-turn";
import { serviceDetailMessages } from "../../../bot/conversation/service-detail";
import type { EvaluationCore, Recommendation } from "../../../bot/eligibility/score-services";
import { scoreServices } from "../../../bot/eligibility/score-services";
import { toUrgentItems } from "../../../bot/eligibility/urgent-help";
import { loadRuleCases } from "../../../flows/load-rule-cases";
import { loadRuleSet } from "../../../flows/load-rules";
import type { ServiceId } from "../../../flows/schema/catalog";
import type { SkillResponse, TextCard } from "../../../server/channels/kakao/kakao-payload-schema";
import { toKakaoResponse } from "../../../server/channels/kakao/to-kakao-response";
import { CAROUSEL_DESCRIPTION_MAX } from "../../../server/channels/kakao/to-service-cards";
import { leadingSentences, toTextBubbles } from "../../../server/channels/kakao/to-text-bubbles";
import { parseConfig } from "../../../server/config";
import { centerParams } from "../../../server/i18n/center-params";
import type { Translate } from "../../../server/i18n/create-translator";
import { createTranslator } from "../../../server/i18n/create-translator";
import { loadLocales } from "../../../server/i18n/load-locales";
import { assertValidSkillResponse } from "../../support/check-kakao-response";

const config = parseConfig({ NODE_ENV: "test" });
const translator = createTranslator(loadLocales(), centerParams(config));
const ko = translator.forLang("ko");
const en = translator.forLang("en");
/** The real Korean texts, plus "raw" whose text is its `text` param (synthetic reasons). */
const t: Translate = (key, params) => (key === "raw" ? String(params?.text ?? "") : ko(key, params));
const ruleSet = loadRuleSet();

/** An amount written as raw digits ("30,000,000원", "30,000,000 won") instead of as people say it. */
const RAW_AMOUNT = /\d{1,3}(,\d{3}){2,}\s?(원|won)/;
/** How a description may end: a whole sentence. */
const SENTENCE_END = /[.!?。]["'”’)\]]*$/;
const BOOK = { id: "booking:start", label: { key: "bookingChat.option.start" } };

function resultTurn(evaluation: EvaluationCore, overrides: Partial<ChatTurn> = {}): ChatTurn {
  return {
    nodeId: "done", messages: [{ key: "flow.done.thanks" }, { key: "flow.done.result" }], options: [BOOK], input: { kind: "none" },
    progress: { answered: 20, estimatedTotal: 20 }, done: true, evaluation, urgent: [], optionPage: 0, paged: false, ...overrides,
  };
}

function recommendation(service: ServiceId, reasons: ChatTurn["messages"], tier: Recommendation["tier"] = "likely"): Recommendation {
  return { service, tier, score: 80, reasons, missing: [], nextSteps: [], ruleIds: [] };
}

function evaluationOf(recommendations: Recommendation[], extra: Partial<EvaluationCore> = {}): EvaluationCore {
  return { asOf: "2026-12-03", rulesVersion: "test", urgent: [], recommendations, headline: { key: "rules.headline.none" }, nearMisses: [], ...extra };
}

const raw = (text: string) => ({ key: "raw", params: { text } });
/** The services carousel's cards: the result's last output (urgent numbers come first). */
const cardsOf = (res: SkillResponse): TextCard[] => {
  const last = res.template.outputs.at(-1);
  return last && "carousel" in last ? last.carousel.items : [];
};
const textOf = (res: SkillResponse) => res.template.outputs.flatMap((o) => ("simpleText" in o ? [o.simpleText.text] : [])).join("\n");
const phonesOf = (res: SkillResponse) => res.template.outputs.flatMap((o) => ("textCard" in o ? [o.textCard] : "carousel" in o ? o.carousel.items : []))
  .flatMap((card) => (card.buttons ?? []).flatMap((b) => (b.action === "phone" && b.phoneNumber ? [b.phoneNumber] : [])));

/** Every problem of a result's cards: buttons, sentence-ending descriptions, none shared. */
function cardProblems(res: SkillResponse): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const card of cardsOf(res)) {
    const description = card.description ?? "";
    const labels = (card.buttons ?? []).map((b) => `${b.action}:${b.label}`);
    if (!(card.buttons ?? []).some((b) => b.action === "message" && b.extra?.optionId.startsWith("detail:"))) problems.push(`${card.title}: no detail button (${labels.join()})`);
    if (!(card.buttons ?? []).some((b) => b.action === "phone" && b.phoneNumber === config.CENTER_PHONE)) problems.push(`${card.title}: no call button`);
    if (!SENTENCE_END.test(description) || description.includes("…")) problems.push(`${card.title}: "${description}" does not end on a sentence`);
    const sentence = description.split(" · ").at(-1) ?? "";
    if (seen.has(sentence)) problems.push(`${card.title}: "${sentence}" is on another card too`);
    seen.add(sentence);
  }
  return problems;
}

describe("toKakaoResponse: the result's cards", () => {
  it("when every rule case's result and each service's detail are shown in Korean and English, then every card has 자세히 and 센터 전화, a whole-sentence description of its own, and no amount in raw digits", () => {
    const problems: string[] = [];
    const detailsShown = new Set<string>();
    let cards = 0;
    for (const { cases } of loadRuleCases()) {
      for (const ruleCase of cases) {
        const evaluation = scoreServices(ruleSet, ruleCase.facts, ruleCase.asOf);
        const urgent = toUrgentItems(ruleSet, evaluation.urgent.map((u) => u.code), ruleCase.asOf);
        for (const [lang, translate] of [["ko", ko], ["en", en]] as const) {
          const result = toKakaoResponse(resultTurn(evaluation, { urgent }), translate);
          assertValidSkillResponse(result, { softTextLimit: false });
          cards += cardsOf(result).length;
          problems.push(...cardProblems(result).map((p) => `${ruleCase.name} (${lang}): ${p}`));
          expect(phonesOf(result)).toEqual(expect.arrayContaining(urgent.map((u) => u.phone)));
          // A detail says the service's reasons and next steps: each different one is shown once.
          const fresh = evaluation.recommendations.filter((r) => {
            const key = `${lang}:${JSON.stringify([r.service, r.reasons, r.nextSteps])}`;
            if (detailsShown.has(key)) return false;
            detailsShown.add(key);
            return true;
          });
          const details = fresh.map((r) => toKakaoResponse(resultTurn(evaluation, {
            urgent, messages: serviceDetailMessages(r.service, evaluation, true), evaluation: undefined, focus: { kind: "service", service: r.service },
          }), translate));
          for (const shown of [result, ...details]) {
            assertValidSkillResponse(shown, { softTextLimit: false });
            const json = JSON.stringify(shown);
            if (RAW_AMOUNT.test(json) || json.includes("{{")) problems.push(`${ruleCase.name} (${lang}): ${RAW_AMOUNT.exec(json)?.[0] ?? "a placeholder"}`);
          }
        }
      }
    }
    expect(cards).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });

  it("when two services give the same reason, then their cards still say different things", () => {
    const same = raw("몇 가지를 더 알려 주시면 이 서비스가 맞는지 알 수 있어요.");
    const evaluation = evaluationOf((["ccrs_fast_track", "ccrs_pre_workout", "court_bankruptcy"] as const).map((s) => recommendation(s, [same], "insufficient_data")));
    const res = toKakaoResponse(resultTurn(evaluation), t);
    expect(cardProblems(res)).toEqual([]);
    expect(cardsOf(res).map((c) => c.description)).toEqual([
      "상담에서 확인해요 · 몇 가지를 더 알려 주시면 이 서비스가 맞는지 알 수 있어요.",
      `상담에서 확인해요 · ${ko("services.ccrs_pre_workout.description")}`,
      `상담에서 확인해요 · ${ko("services.court_bankruptcy.description")}`,
    ]);
  });

  it("when a reason's first sentence is longer than a card holds, then the card shows the next whole sentence source, never a cut one", () => {
    const long = raw(`${"아주 긴 이유가 이어져요 ".repeat(12)}그래서 맞아요. 둘째 문장이에요.`);
    const res = toKakaoResponse(resultTurn(evaluationOf([recommendation("legal_aid", [long, raw("짧은 이유예요. 또 다른 문장이에요.")])])), t);
    expect(cardsOf(res)[0]?.description).toBe("받을 가능성이 높아요 · 짧은 이유예요. 또 다른 문장이에요.");
  });

  it("when the result offers booking, then each card's buttons are 자세히, 센터 전화 and 상담 예약하기, carrying their option ids", () => {
    const res = toKakaoResponse(resultTurn(evaluationOf([recommendation("ccrs_pre_workout", [raw("연체 45일이면 대상일 수 있어요.")])])), t);
    expect(cardsOf(res)[0]?.buttons).toEqual([
      { label: "자세히", action: "message", messageText: "사전채무조정 (프리워크아웃) 자세히", extra: { optionId: "detail:ccrs_pre_workout" } },
      { label: "센터 전화", action: "phone", phoneNumber: config.CENTER_PHONE },
      { label: "상담 예약하기", action: "message", messageText: "상담 예약하기", extra: { optionId: "booking:start" } },
    ]);
    const noBooking = toKakaoResponse(resultTurn(evaluationOf([recommendation("legal_aid", [raw("도와줘요.")])]), { options: [] }), t);
    expect(cardsOf(noBooking)[0]?.buttons?.map((b) => b.label)).toEqual(["자세히", "센터 전화"]);
  });

  it("when all four urgent numbers are active at the result, then each is a phone button and the result still fits in three outputs", () => {
    const urgent = toUrgentItems(ruleSet, ["call_112", "crisis_line_109", "report_1332", "debtor_attorney_now"], "2026-12-03");
    const recommendations = (["illegal_lending_relief", "debtor_attorney", "legal_aid", "financial_counseling", "emergency_welfare", "job_counseling"] as const)
      .map((s) => recommendation(s, [raw("이유예요.")]));
    const res = toKakaoResponse(resultTurn(evaluationOf(recommendations), { urgent }), t);
    assertValidSkillResponse(res);
    expect(res.template.outputs.map((o) => Object.keys(o)[0])).toEqual(["carousel", "simpleText", "carousel"]);
    expect(phonesOf(res).filter((p) => p !== config.CENTER_PHONE)).toEqual(["112", "109", "1332", "132"]);
    expect(cardsOf(res)).toHaveLength(5);
  });

  it("when the result has a headline and near misses, then the text says them before the cards", () => {
    const evaluation = evaluationOf([recommendation("financial_counseling", [raw("도와줘요.")])], {
      headline: raw("빚을 나눠 갚는 제도가 맞아 보여요. 받을 수 있는지는 센터가 정해요."),
      nearMisses: [{ service: "ccrs_pre_workout", message: raw("연체가 31일이 넘으면 사전채무조정을 신청할 수 있어요."), change: { fact: "overdueDays", value: 31 } }],
    });
    const res = toKakaoResponse(resultTurn(evaluation), t);
    assertValidSkillResponse(res);
    expect(textOf(res)).toContain("빚을 나눠 갚는 제도가 맞아 보여요.");
    expect(textOf(res)).toContain("• 연체가 31일이 넘으면 사전채무조정을 신청할 수 있어요.");
    expect(Object.keys(res.template.outputs.at(-1) ?? {})).toEqual(["carousel"]);
  });
});

describe("toKakaoResponse: the center's contact and a service's detail", () => {
  it("when a turn answers 상담원 at the result, then it ends with the center's card: its number as a phone button and booking", () => {
    const turn = resultTurn(evaluationOf([]), { messages: [{ key: "engine.human" }, { key: "chat.human.book" }], evaluation: undefined, focus: { kind: "center" } });
    const res = toKakaoResponse(turn, t);
    assertValidSkillResponse(res);
    expect(textOf(res)).toContain(`☎ ${config.CENTER_PHONE} (평일 근무시간)`);
    const last = res.template.outputs.at(-1);
    const card = last && "textCard" in last ? last.textCard : undefined;
    expect(card?.title).toBe(config.CENTER_NAME_KO);
    expect(card?.buttons?.map((b) => [b.action, b.label, b.phoneNumber ?? b.extra?.optionId])).toEqual([
      ["phone", "센터 전화", config.CENTER_PHONE], ["message", "상담 예약하기", "booking:start"],
    ]);
    expect(cardsOf(res)).toEqual([]);
  });

  it("when a turn answers 상담원 mid-triage, then the center's card has the phone button and the question's options stay quick replies", () => {
    const turn: ChatTurn = {
      nodeId: "has_debt", messages: [{ key: "engine.human" }, { key: "flow.debt.has.question" }], options: [{ id: "yes", label: raw("네") }, { id: "no", label: raw("아니요") }],
      input: { kind: "choice" }, progress: { answered: 2, estimatedTotal: 20 }, done: false, urgent: [], optionPage: 0, paged: false, focus: { kind: "center" },
    };
    const res = toKakaoResponse(turn, t);
    assertValidSkillResponse(res);
    expect(phonesOf(res)).toEqual([config.CENTER_PHONE]);
    expect(res.template.quickReplies?.map((q) => q.extra.optionId)).toEqual(["yes", "no", "cmd:back", "cmd:restart"]);
  });

  it("when a turn shows a service's detail, then the text says what it is, why, what next and what to bring, and a card calls the center", () => {
    const evaluation = evaluationOf([recommendation("ccrs_pre_workout", [raw("연체 45일이면 대상일 수 있어요.")])]);
    const messages = serviceDetailMessages("ccrs_pre_workout", evaluation, true);
    const res = toKakaoResponse(resultTurn(evaluation, { messages, evaluation: undefined, focus: { kind: "service", service: "ccrs_pre_workout" } }), t);
    assertValidSkillResponse(res);
    const text = textOf(res);
    for (const part of [ko("services.ccrs_pre_workout.description"), "연체 45일이면 대상일 수 있어요.", ko("bookingChat.documents.ccrs_pre_workout"), "상담 예약하기"]) expect(text).toContain(part);
    const last = res.template.outputs.at(-1);
    expect(last && "textCard" in last ? [last.textCard.title, last.textCard.buttons?.[0]?.phoneNumber] : []).toEqual(["사전채무조정 (프리워크아웃)", config.CENTER_PHONE]);
  });
});

describe("leadingSentences", () => {
  it.each([
    ["첫 문장이에요. 둘째 문장이에요.", 100, "첫 문장이에요. 둘째 문장이에요."],
    ["첫 문장이에요. 둘째 문장이에요.", 12, "첫 문장이에요."],
    ["첫 문장이에요. 둘째 문장이에요.", 5, ""],
    ["끝나지 않는 문장", 100, ""],
    ["A sentence (with a bracket.) And more!", 100, "A sentence (with a bracket.) And more!"],
    ["Is it? Yes.\n\nIt is.", 11, "Is it? Yes."],
  ])("when the text is %j and the room %i, then %j", (text, max, expected) => {
    expect(leadingSentences(text, max)).toBe(expected);
  });

  it("when descriptions are cut, then they fit a carousel card", () => {
    expect(leadingSentences("가나다라마바사요. ".repeat(40), CAROUSEL_DESCRIPTION_MAX).length).toBeLessThanOrEqual(CAROUSEL_DESCRIPTION_MAX);
  });
});

describe("toTextBubbles with a short first bubble", () => {
  const hello = "안".repeat(150);
  const rest = ["나".repeat(100), "다".repeat(110), "동의하나요?"];

  it("when the leading paragraphs would make a long first bubble, then the first holds only what fits and the rest follow", () => {
    const bubbles = toTextBubbles([hello, ...rest], 3, 200);
    expect(bubbles[0]).toBe(hello);
    expect(bubbles.slice(1).join("\n\n")).toBe(rest.join("\n\n"));
  });

  it("when there is room for only one bubble or the first paragraph is long, then the packing is as before", () => {
    expect(toTextBubbles([hello, ...rest], 1, 200)).toEqual(toTextBubbles([hello, ...rest], 1));
    expect(toTextBubbles(["가".repeat(300), "나"], 3, 200)).toEqual([`${"가".repeat(300)}\n\n나`]);
    expect(toTextBubbles(["짧아요", "나"], 3, 200)).toEqual(["짧아요\n\n나"]);
  });
});

describe("toKakaoResponse in English", () => {
  it("when a turn answers 'talk to staff', then the center's card has an uncut title, the center's name and number, and a call button", () => {
    const turn = resultTurn(evaluationOf([]), { messages: [{ key: "engine.human" }], evaluation: undefined, focus: { kind: "center" }, options: [] });
    const res = toKakaoResponse(turn, en);
    assertValidSkillResponse(res);
    const last = res.template.outputs.at(-1);
    const card = last && "textCard" in last ? last.textCard : undefined;
    expect(card?.title).toBe("Talk to the center");
    expect(card?.description).toContain(config.CENTER_NAME_EN);
    expect(card?.buttons).toEqual([{ label: "Call center", action: "phone", phoneNumber: config.CENTER_PHONE }]);
  });
});
