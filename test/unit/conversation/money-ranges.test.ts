import { computeMoneyCuts } from "../../../bot/eligibility/compute-money-cuts";
import { computeLoanApr } from "../../../bot/eligibility/compute-loan-apr";
import { scoreServices } from "../../../bot/eligibility/score-services";
import { deriveAnswers } from "../../../bot/intake/derive-answers";
import type { Intake } from "../../../bot/intake/intake-ports";
import { toRecordedEvaluation } from "../../../bot/intake/to-recorded-evaluation";
import { loadRuleSet } from "../../../flows/load-rules";
import { createTranslator } from "../../../server/i18n/create-translator";
import { toIntakeSummary } from "../../../server/staff/intake-summary";
import { intakeSchema } from "../../../bot/intake/intake-ports";
import { createEngineContext } from "../../../bot/conversation/engine-context";
import { continueConversation, startConversation } from "../../../bot/conversation/run-conversation";
import { parseFlow } from "../../../flows/load-flows";
import type { CaseFacts } from "../../../flows/schema/case-facts";
import type { RuleSet } from "../../../flows/schema/rules";
import type { Chat } from "../../support/flow-harness";
import { miniLabels, miniLocales } from "../../support/mini-flow";
import { CARD_DEBTOR_ANSWERS, FIXED_NOW, flowFixture, startChat, TEST_CENTER_PARAMS } from "../../support/flow-harness";

const { flow, locales } = flowFixture();
const translator = createTranslator(locales, { ko: { ...TEST_CENTER_PARAMS }, en: { ...TEST_CENTER_PARAMS } });

/** The card debtor, who says they need cash urgently, taken to the amount question (asked when refining the first result). */
function atUrgentCash(lang: "ko" | "en" = "ko"): Chat {
  const chat = startChat(lang);
  const answers = Object.fromEntries(Object.entries(CARD_DEBTOR_ANSWERS).map(([id, input]) => [id, input.text ?? { tap: input.optionId ?? "" }]));
  chat.walk({ ...answers, urgent_cash_gate: { tap: "some" } }, { refine: true, until: "urgent_cash" });
  expect(chat.turn.nodeId).toBe("urgent_cash");
  return chat;
}

const label = (chat: Chat, lang: "ko" | "en" = "ko") => chat.turn.options.map((o) => translator.msg(lang, o.label));

describe("range buttons at a money question", () => {
  it("when the rules cut the amount at 0 and at 불법사금융예방대출's 100만원, then three ranges are offered, said as people say amounts", () => {
    const chat = atUrgentCash();
    expect(chat.turn.input.kind).toBe("money");
    expect(chat.turn.options.map((o) => o.id)).toEqual(["range:0-0", "range:1-1000000", "range:1000001-"]);
    expect(label(chat)).toEqual(["없음 (0원)", "100만원 이하", "100만원 초과"]);
    expect(label(chat, "en")).toEqual(["None (0 won)", "up to 1,000,000 won", "over 1,000,000 won"]);
  });

  it("when a resident taps a range, then an amount inside it is saved, the range is recorded and the next question comes", () => {
    const chat = atUrgentCash();
    chat.tap("range:1-1000000");
    expect(chat.state.facts.urgentCashKrw).toBe(500_000);
    expect(chat.state.ranges).toEqual({ urgent_cash: { min: 1, max: 1_000_000, label: { key: "engine.range.any.below", params: { max: 1_000_000, upper: "lte" } } } });
    expect(chat.turn.nodeId).not.toBe("urgent_cash");
  });

  it("when a resident types an amount, or says 몰라요, at the same question, then it is read as before and no range is recorded", () => {
    const typed = atUrgentCash();
    typed.say("대충 30만원쯤이요");
    expect(typed.state.facts.urgentCashKrw).toBe(300_000);
    expect(typed.state.ranges).toBeUndefined();
    // A number typed is an amount, never the second button.
    const number = atUrgentCash();
    number.say("2");
    expect(number.state.ranges).toBeUndefined();
    expect(number.state.facts.urgentCashKrw).not.toBe(500_000);
    const unsure = atUrgentCash();
    unsure.say("몰라요");
    expect(unsure.state.facts.urgentCashKrw).toBeUndefined();
    expect(unsure.state.unknown).toContain("urgent_cash");
  });

  it("when a resident taps a range, goes back and types an amount, then only the typed amount is kept", () => {
    const chat = atUrgentCash();
    chat.tap("range:1000001-");
    expect(chat.state.ranges?.urgent_cash?.min).toBe(1_000_001);
    chat.tap("cmd:back");
    expect(chat.turn.nodeId).toBe("urgent_cash");
    expect(chat.state.ranges).toBeUndefined();
    chat.say("200만원");
    expect(chat.state.facts.urgentCashKrw).toBe(2_000_000);
    expect(chat.state.ranges).toBeUndefined();
  });

  it("when a range the question does not offer is tapped, then the question is asked again", () => {
    const chat = atUrgentCash();
    chat.tap("range:5-10");
    expect(chat.turn.nodeId).toBe("urgent_cash");
    expect(chat.turn.messages[0]).toEqual({ key: "engine.error.unknownOption" });
    expect(chat.state.facts.urgentCashKrw).toBeUndefined();
  });

  it("when the household's income is asked, then ranges come only if its 중위소득 lines give at most four cuts (typed otherwise)", () => {
    const chat = startChat();
    const answers = Object.fromEntries(Object.entries(CARD_DEBTOR_ANSWERS).map(([id, input]) => [id, input.text ?? { tap: input.optionId ?? "" }]));
    chat.walk(answers, { until: "monthly_income" });
    const cuts = computeMoneyCuts(loadRuleSet(), "monthlyIncomeKrw", { ...chat.state.facts } as never, FIXED_NOW.slice(0, 10));
    const offered = chat.turn.options.filter((o) => o.id.startsWith("range:")).length;
    expect(offered).toBe(cuts !== undefined && cuts.length >= 1 && cuts.length <= 4 ? cuts.length + 1 : 0);
  });
});

describe("a tapped range in the staff summary", () => {
  it("when the resident tapped a range, then the counsellor reads the range marked as such, not the amount kept for the rules", () => {
    const chat = atUrgentCash();
    chat.tap("range:1-1000000");
    chat.walk({});
    expect(chat.turn.done).toBe(true);
    const answers = deriveAnswers(flow, chat.state);
    expect(answers.find((a) => a.nodeId === "urgent_cash")).toMatchObject({ value: 500_000, range: { min: 1, max: 1_000_000 } });
    const facts = chat.state.facts as never;
    const evaluation = toRecordedEvaluation(scoreServices(loadRuleSet(), facts, "2026-12-03"));
    const intake: Intake = {
      id: "intake-1", sessionRef: "web:test", channel: "web", lang: "ko", createdAt: FIXED_NOW, completedAt: FIXED_NOW, flowId: flow.id, flowVersion: flow.version,
      answers, corrections: [], facts, evaluation, urgent: [], loans: computeLoanApr([], loadRuleSet().parameters, { asOf: "2026-12-03", abusive: false }), notes: [],
      deleteAfter: "2027-03-01T00:00:00+09:00",
    };
    expect(intakeSchema.parse(JSON.parse(JSON.stringify(intake)))).toEqual(intake);
    const line = (lang: "ko" | "en") => toIntakeSummary(intake, flow, translator, lang).answers.items.find((item) => item.nodeId === "urgent_cash")?.text;
    expect(line("ko")).toBe("100만원 이하 (범위로 답함)");
    expect(line("en")).toBe("up to 1,000,000 won (answered as a range)");
  });
});

describe("the result after a tapped range", () => {
  it("when the resident tapped a range, then the scorer is told which fact was a range (so the headline never quotes it)", () => {
    const parsed = parseFlow({
      id: "cash", version: 1, start: "cash",
      nodes: [
        { id: "cash", type: "money", text: "t.debtTotal", save: "urgentCashKrw", next: "score" },
        { id: "score", type: "evaluate", next: "result" },
        { id: "result", type: "end", text: "t.result", offer: "none" },
      ],
    }, { locales: miniLocales() });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const seen = (facts: CaseFacts, _asOf: string, ranged?: ReadonlySet<string>) => ({ cash: facts.urgentCashKrw, ranged: [...(ranged ?? [])] });
    const ctx = createEngineContext(parsed.flow, seen, miniLabels, undefined, loadRuleSet);
    const start = startConversation(ctx, "ko", FIXED_NOW);
    expect(start.turn.options.map((o) => o.id)).toEqual(["range:0-0", "range:1-1000000", "range:1000001-"]);
    expect(continueConversation(ctx, start.state, { optionId: "range:1000001-" }, FIXED_NOW).turn.evaluation).toEqual({ cash: 1_010_000, ranged: ["urgentCashKrw"] });
    expect(continueConversation(ctx, start.state, { text: "120만원" }, FIXED_NOW).turn.evaluation).toEqual({ cash: 1_200_000, ranged: [] });
  });
});

describe("range labels for a line that depends on the household", () => {
  const rules: RuleSet = {
    version: "test-1",
    parameters: [
      { id: "median_income.monthly", description: "m", unit: "krw_by_household_size", source: "test", confirmed: true, values: [{ effectiveFrom: "2026-01-01", value: { 1: 2_564_238, 2: 4_199_292 } }] },
      { id: "t.pct", description: "p", unit: "pct_of_median", source: "test", confirmed: true, values: [{ effectiveFrom: "2026-01-01", value: 32 }] },
    ],
    rules: [{ id: "poor", service: "basic_livelihood", source: "test", score: 60, reasons: [{ key: "t.reason" }], nextSteps: [], when: { fact: "incomePctOfMedian", op: "lte", param: "t.pct" } }],
    urgent: [],
    contacts: [],
  };

  it("when a household of two is asked its monthly income, then the ranges meet at its 32% line to the won, said exactly in both languages", () => {
    const parsed = parseFlow({
      id: "income", version: 1, start: "size",
      nodes: [
        { id: "size", type: "set_fact", set: [{ target: "householdSize", value: 2 }], next: "income" },
        { id: "income", type: "money", text: "t.household", save: "monthlyIncomeKrw", per: "month", next: "result" },
        { id: "result", type: "end", text: "t.result", offer: "none" },
      ],
    }, { locales: miniLocales() });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const ctx = createEngineContext(parsed.flow, (facts: CaseFacts) => facts, miniLabels, undefined, () => rules);
    const turn = startConversation(ctx, "ko", FIXED_NOW).turn;
    // 4,199,292 × 32% = 1,343,773.44, published rounded half-up: 1,343,773.
    expect(turn.options.map((o) => o.id)).toEqual(["range:0-1343773", "range:1343774-"]);
    expect(turn.options.map((o) => translator.msg("ko", o.label))).toEqual(["월 134만 3,773원 이하", "월 134만 3,773원 초과"]);
    expect(turn.options.map((o) => translator.msg("en", o.label))).toEqual(["up to 1,343,773 won a month", "over 1,343,773 won a month"]);
  });
});
