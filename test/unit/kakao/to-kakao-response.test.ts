import type { ChatTurn } from "../../../bot/conversation/chat-turn";
import type { EvaluationCore } from "../../../bot/eligibility/score-services";
import { MORE_OPTION_ID, optionPageCount, toKakaoApology, toKakaoResponse } from "../../../server/channels/kakao/to-kakao-response";
import { HARD_TEXT_MAX, SOFT_TEXT_MAX, splitText, toTextBubbles } from "../../../server/channels/kakao/to-text-bubbles";
import type { SkillResponse } from "../../../server/channels/kakao/kakao-payload-schema";
import { parseConfig } from "../../../server/config";
import { centerParams } from "../../../server/i18n/center-params";
import type { Translate } from "../../../server/i18n/create-translator";
import { createTranslator } from "../../../server/i18n/create-translator";
import { loadLocales } from "../../../server/i18n/load-locales";
import { assertValidSkillResponse } from "../../support/check-kakao-response";

const translator = createTranslator(loadLocales(), centerParams(parseConfig({ NODE_ENV: "test" })));
const ko = translator.forLang("ko");
/** The real Korean texts, plus "raw" whose text is its `text` param (synthetic long messages). */
const t: Translate = (key, params) => (key === "raw" ? String(params?.text ?? "") : ko(key, params));

function question(overrides: Partial<ChatTurn> = {}): ChatTurn {
  return {
    nodeId: "q", messages: [{ key: "flow.debt.creditors.question" }], input: { kind: "choice" }, options: [],
    progress: { answered: 3, estimatedTotal: 12 }, done: false, urgent: [], optionPage: 0, paged: false, ...overrides,
  };
}

const onPage = (turn: ChatTurn, optionPage: number): ChatTurn => ({ ...turn, optionPage });
const call = (code: ChatTurn["urgent"][number]["code"], key: string, phone: string) => ({ code, label: { key, params: { phone } }, phone });

function raw(text: string) {
  return { key: "raw", params: { text } };
}

const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, label: raw(`선택지 ${i + 1}`) }));
const texts = (res: SkillResponse) => res.template.outputs.flatMap((o) => ("simpleText" in o ? [o.simpleText.text] : []));
const optionReplies = (res: SkillResponse) => (res.template.quickReplies ?? []).filter((q) => q.extra.optionId.startsWith("o"));

describe("toKakaoResponse", () => {
  it("when a message is 3,000 characters, then it is split at boundaries into at most 3 bubbles of at most 1000", () => {
    const sentence = "빚 문제는 혼자 고민하지 않아도 돼요. 센터에서 함께 방법을 찾아요.\n";
    const long = sentence.repeat(Math.ceil(3000 / sentence.length)).slice(0, 3000);
    const res = toKakaoResponse(question({ messages: [raw(long)] }), t);
    assertValidSkillResponse(res, { softTextLimit: false });
    expect(res.template.outputs.length).toBeLessThanOrEqual(3);
    for (const text of texts(res)) {
      expect(text.length).toBeLessThanOrEqual(HARD_TEXT_MAX);
      expect(text.endsWith("요.") || text.endsWith("…") || text.endsWith("요")).toBe(true);
    }
  });

  it("when a message is 900 characters, then it is split into bubbles under 500", () => {
    const long = "가나다라마바사 ".repeat(113);
    const res = toKakaoResponse(question({ messages: [raw(long)] }), t);
    assertValidSkillResponse(res);
    expect(texts(res).length).toBeGreaterThanOrEqual(2);
    expect(texts(res).join(" ").replace(/\s+/g, " ")).toContain("가나다라마바사 가나다라마바사");
  });

  it("when even 3 full bubbles cannot hold it, then the last one ends with …", () => {
    const res = toKakaoResponse(question({ messages: [raw("가".repeat(5000))] }), t);
    assertValidSkillResponse(res, { softTextLimit: false });
    const all = texts(res);
    expect(all).toHaveLength(3);
    expect(all[2]?.endsWith("…")).toBe(true);
  });

  it("when a question has 25 options, then each page shows 9 and 더보기, and the pages cover the full list", () => {
    const turn = question({ options: options(25) });
    expect(optionPageCount(25)).toBe(3);
    const seen: string[] = [];
    for (const page of [0, 1, 2]) {
      const res = toKakaoResponse(onPage(turn, page), t);
      assertValidSkillResponse(res);
      const replies = res.template.quickReplies ?? [];
      expect(replies.length).toBeLessThanOrEqual(10);
      expect(replies.some((q) => q.extra.optionId === MORE_OPTION_ID && q.messageText === "더보기")).toBe(true);
      seen.push(...optionReplies(res).map((q) => q.extra.optionId));
    }
    expect(seen).toEqual(options(25).map((o) => o.id));
    const first = toKakaoResponse(turn, t);
    expect(optionReplies(first)).toHaveLength(9);
    expect(texts(first).join("\n")).toContain("25. 선택지 25");
  });

  it("when the page is past the end, then it wraps around to a valid page", () => {
    const res = toKakaoResponse(onPage(question({ options: options(25) }), 7), t);
    expect(optionReplies(res).map((q) => q.extra.optionId)).toEqual(options(25).slice(9, 18).map((o) => o.id));
  });

  it("when the options fit, then all are shown with 뒤로 and 처음으로 where room is left", () => {
    const res = toKakaoResponse(question({ options: options(3) }), t);
    assertValidSkillResponse(res);
    expect((res.template.quickReplies ?? []).map((q) => q.extra.optionId)).toEqual(["o1", "o2", "o3", "cmd:back", "cmd:restart"]);
    const tenOptions = toKakaoResponse(question({ options: options(10) }), t);
    expect((tenOptions.template.quickReplies ?? []).map((q) => q.extra.optionId)).toEqual(options(10).map((o) => o.id));
  });

  it("when a label is long, then the quick reply label is cut to 14 and messageText keeps the full label", () => {
    const label = "등록하지 않은 대부업자나 개인에게 빌렸어요";
    const res = toKakaoResponse(question({ options: [{ id: "o1", label: raw(label) }] }), t);
    assertValidSkillResponse(res);
    const [reply] = res.template.quickReplies ?? [];
    expect(reply?.label.length).toBeLessThanOrEqual(14);
    expect(reply?.label.endsWith("…")).toBe(true);
    expect(reply?.messageText).toBe(label);
    expect(texts(res).join("\n")).toContain(`1. ${label}`);
  });

  it("when a question takes several answers, then the text explains typing numbers such as 1, 3", () => {
    const res = toKakaoResponse(question({ input: { kind: "multi" }, options: options(4) }), t);
    assertValidSkillResponse(res);
    expect(texts(res).join("\n")).toMatch(/1, 3/);
    expect(texts(res).join("\n")).toMatch(/4\. 선택지 4/);
  });

  it("when few questions remain, then the progress is in the question bubble; early on it is not", () => {
    const progressOf = (answered: number, estimatedTotal: number) => texts(toKakaoResponse(question({ progress: { answered, estimatedTotal } }), t)).join("\n");
    expect(progressOf(3, 12)).toContain("질문이 9개쯤 남았어요");
    expect(progressOf(5, 30)).not.toContain("남았어요");
    expect(progressOf(0, 10)).not.toContain("남았어요");
  });

  it("when urgent help is active, then every reply starts with a textCard of its phone buttons, 112 and 109 first", () => {
    const urgent = [call("call_112", "safety.contact.call_112", "112"), call("report_1332", "safety.contact.report_1332", "1332")];
    const res = toKakaoResponse(question({ urgent, messages: [{ key: "flow.illegal.images.question" }] }), t);
    assertValidSkillResponse(res);
    const [first] = res.template.outputs;
    expect(first && "textCard" in first ? first.textCard.buttons : undefined).toEqual([
      { label: "경찰 112", action: "phone", phoneNumber: "112" }, { label: "금융감독원 1332", action: "phone", phoneNumber: "1332" },
    ]);
  });

  it("when all four urgent numbers are active, then they come as a carousel of two cards, every number a phone button", () => {
    const urgent = [
      call("call_112", "safety.contact.call_112", "112"), call("crisis_line_109", "safety.contact.crisis_line_109", "109"),
      call("report_1332", "safety.contact.report_1332", "1332"), call("debtor_attorney_now", "safety.contact.debtor_attorney_now", "132"),
    ];
    const res = toKakaoResponse(question({ urgent }), t);
    assertValidSkillResponse(res);
    const [first] = res.template.outputs;
    const numbers = first && "carousel" in first ? first.carousel.items.flatMap((card) => (card.buttons ?? []).map((b) => b.phoneNumber)) : [];
    expect(numbers).toEqual(["112", "109", "1332", "132"]);
  });

  it("when the triage is done, then urgent contacts come first, then the text, then the services carousel, and 처음으로", () => {
    const evaluation: EvaluationCore = {
      asOf: "2026-12-03", rulesVersion: "test", headline: { key: "rules.headline.none" }, nearMisses: [],
      urgent: [
        { code: "call_112", message: { key: "rules.urgent.call_112", params: { phone: "112" } } },
        { code: "crisis_line_109", message: { key: "rules.urgent.crisis_line_109", params: { phone: "109" } } },
        { code: "report_1332", message: { key: "rules.urgent.report_1332", params: { phone: "1332" } } },
        { code: "debtor_attorney_now", message: { key: "rules.urgent.debtor_attorney_now", params: { fss: "1332", legalAid: "132" } } },
      ],
      recommendations: (["illegal_lending_relief", "debtor_attorney", "legal_aid", "financial_counseling", "emergency_welfare", "job_counseling", "miso_microcredit"] as const).map((service) => ({
        service, tier: "likely" as const, score: 90, reasons: [raw("이유가 아주 깁니다. ".repeat(30))], missing: [], nextSteps: [], ruleIds: [],
      })),
    };
    const active = [call("call_112", "safety.contact.call_112", "112"), call("crisis_line_109", "safety.contact.crisis_line_109", "109"), call("report_1332", "safety.contact.report_1332", "1332")];
    const done = question({ done: true, input: { kind: "none" }, evaluation, urgent: active, messages: [{ key: "flow.done.thanks" }, { key: "flow.done.result" }] });
    const res = toKakaoResponse(done, t);
    assertValidSkillResponse(res);
    const [urgent, text, carousel] = res.template.outputs;
    expect(urgent && "textCard" in urgent ? urgent.textCard.buttons?.map((b) => b.phoneNumber) : []).toEqual(["112", "109", "1332"]);
    expect(text && "simpleText" in text).toBe(true);
    expect(carousel && "carousel" in carousel ? carousel.carousel.items.map((i) => i.title) : []).toEqual(["불법사금융 피해구제", "채무자대리인 무료지원", "법률상담·소송지원", "재무상담", "긴급복지지원"]);
    expect(res.template.quickReplies?.[0]).toEqual({ label: "처음으로", action: "message", messageText: "처음으로", extra: { optionId: "cmd:restart" } });
  });

  it("when something failed, then the apology is a valid response with 처음으로", () => {
    const res = toKakaoApology(t);
    assertValidSkillResponse(res);
    expect(res.template.quickReplies?.map((q) => q.extra.optionId)).toEqual(["cmd:restart"]);
  });
});

describe("toTextBubbles", () => {
  it("when paragraphs fit, then they are packed into one bubble separated by a blank line", () => {
    expect(toTextBubbles(["하나", " ", "둘"], 3)).toEqual(["하나\n\n둘"]);
  });

  it("when a text has no spaces, then it is cut hard without splitting an emoji", () => {
    const pieces = splitText("😀".repeat(300), SOFT_TEXT_MAX);
    expect(pieces.join("")).toBe("😀".repeat(300));
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(SOFT_TEXT_MAX);
  });

  it("when a text has lines, then it is split at a line break", () => {
    const line = `${"가".repeat(99)}\n`;
    const pieces = splitText(line.repeat(8), SOFT_TEXT_MAX);
    for (const piece of pieces) expect(piece.split("\n").every((l) => l.length === 99)).toBe(true);
  });
});

describe("assertValidSkillResponse", () => {
  const text = (s: string) => ({ simpleText: { text: s } });
  const ok = { version: "2.0", template: { outputs: [text("안녕하세요")] } };

  it("when a response breaks a documented limit, then it names the problem", () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...ok, version: "1.0" }, /version/],
      [{ version: "2.0", template: { outputs: [] } }, /outputs/],
      [{ version: "2.0", template: { outputs: [text("a"), text("b"), text("c"), text("d")] } }, /outputs/],
      [{ version: "2.0", template: { outputs: [text("가".repeat(1001))] } }, /simpleText/],
      [{ version: "2.0", template: { outputs: [text("가".repeat(600))] } }, /전체 보기/],
      [{ ...ok, template: { ...ok.template, quickReplies: Array(11).fill({ label: "a", action: "message", messageText: "a" }) } }, /quickReplies/],
      [{ ...ok, template: { ...ok.template, quickReplies: [{ label: "a", action: "message" }] } }, /messageText/],
      [{ version: "2.0", template: { outputs: [{ textCard: { title: "t".repeat(51) } }] } }, /title/],
      [{ version: "2.0", template: { outputs: [{ textCard: { title: "t", buttons: [{ label: "전화", action: "phone" }] } }] } }, /phoneNumber/],
      [{ version: "2.0", template: { outputs: [{ textCard: { title: "t", buttons: Array(4).fill({ label: "a", action: "message" }) } }] } }, /at most 3 buttons/],
      [{ version: "2.0", template: { outputs: [{ textCard: { title: "t", buttons: [{ label: "열다섯글자가넘는아주긴버튼이름", action: "message" }] } }] } }, /label/],
      [{ version: "2.0", template: { outputs: [{ carousel: { type: "textCard", items: [{ title: "t", description: "d".repeat(129) }] } }] } }, /description/],
      [{ version: "2.0", template: { outputs: [{ carousel: { type: "textCard", items: Array(11).fill({ title: "t" }) } }] } }, /items/],
      [{ version: "2.0", template: { outputs: [{ listCard: { header: { title: "h" }, items: Array(6).fill({ title: "i" }) } }] } }, /items/],
      [{ version: "2.0", template: { outputs: [{ simpleText: { text: "a" }, textCard: { title: "t" } }] } }, /exactly one key/],
    ];
    for (const [body, problem] of cases) expect(() => assertValidSkillResponse(body)).toThrow(problem);
  });

  it("when a response is within every limit, then it passes", () => {
    expect(() => assertValidSkillResponse(ok)).not.toThrow();
  });
});
