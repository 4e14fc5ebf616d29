import { readServiceDetailRequest, serviceDetailMessages, serviceDetailOptionId } from "../../../bot/conversation/service-detail";
import type { EvaluationCore } from "../../../bot/eligibility/score-services";
import { serviceIds } from "../../../flows/schema/catalog";
import { flowFixture } from "../../support/flow-harness";

const { labels } = flowFixture().chat;

describe("readServiceDetailRequest", () => {
  it("when a card's 자세히 is tapped, then its service is read; an unknown id or another option is not a detail", () => {
    for (const service of serviceIds) expect(readServiceDetailRequest({ optionId: serviceDetailOptionId(service) }, labels, false)).toBe(service);
    expect(readServiceDetailRequest({ optionId: "detail:payday_loans" }, labels, true)).toBeUndefined();
    expect(readServiceDetailRequest({ optionId: "booking:start" }, labels, true)).toBeUndefined();
  });

  it.each([
    ["자세히 사전채무조정", "ccrs_pre_workout"], ["사전채무조정 (프리워크아웃) 자세히", "ccrs_pre_workout"], ["프리워크아웃 자세히 알려 주세요", "ccrs_pre_workout"],
    ["재무상담", "financial_counseling"], ["개인파산·면책에 대해 알려주세요", "court_bankruptcy"], ["개인 회생 자세히!", "court_rehabilitation"],
    ["불법사금융예방대출", "anti_loan_shark_loan"], ["소액생계비대출 자세히", "anti_loan_shark_loan"],
    ["Details: Fresh Start Fund", "fresh_start_fund"], ["tell me about job counselling", "job_counseling"],
  ])("when %j is typed, then it asks for %s", (said, service) => {
    expect(readServiceDetailRequest({ text: said }, labels, true)).toBe(service);
  });

  it.each([["자세히"], ["네"], ["상담"], ["2500만원"], ["사전채무조정을 받았는데 다시 연체가 됐어요. 이번에는 어떻게 해야 하는지 모르겠어요"]])(
    "when %j is typed, then it is not a detail request", (said) => {
      expect(readServiceDetailRequest({ text: said }, labels, true)).toBeUndefined();
    });

  it("when typed names are not allowed (e.g. at the booking's name step), then a name is not read as a request", () => {
    expect(readServiceDetailRequest({ text: "재무상담" }, labels, false)).toBeUndefined();
  });
});

describe("serviceDetailMessages", () => {
  const evaluation: EvaluationCore = {
    asOf: "2026-12-03", rulesVersion: "test", urgent: [], headline: { key: "rules.headline.none" }, nearMisses: [],
    recommendations: [{
      service: "legal_aid", tier: "likely", score: 70, missing: [], ruleIds: [],
      reasons: [{ key: "r1" }, { key: "r2" }, { key: "r3" }, { key: "r4" }], nextSteps: [{ key: "n1" }, { key: "n2" }, { key: "n3" }],
    }],
  };

  it("when the service was recommended, then what it is, up to three reasons, two next steps, documents and booking", () => {
    expect(serviceDetailMessages("legal_aid", evaluation, true).map((m) => m.key)).toEqual([
      "chat.detail.what", "r1", "r2", "r3", "n1", "n2", "chat.detail.documents", "chat.detail.book",
    ]);
  });

  it("when the service was not recommended or booking is not offered, then it says so and offers the center's number", () => {
    expect(serviceDetailMessages("job_counseling", evaluation, false).map((m) => m.key)).toEqual([
      "chat.detail.what", "chat.detail.notRecommended", "chat.detail.documents", "chat.detail.call",
    ]);
  });
});
