import { createEngineContext } from "../../../bot/conversation/engine-context";
import type { Step } from "../../../bot/conversation/run-conversation";
import { continueConversation, startConversation } from "../../../bot/conversation/run-conversation";
import type { Lang } from "../../../bot/types";
import type { CaseFacts } from "../../../flows/schema/case-facts";
import { parseFlow } from "../../../flows/load-flows";
import { startChat } from "../../support/flow-harness";
import { miniLabels, miniLocales } from "../../support/mini-flow";

const NOW = "2026-03-02T10:00:00+09:00";

/** A monthly household income, then the resident's own yearly income. */
function incomeContext() {
  const parsed = parseFlow({
    id: "income", version: 1, start: "monthly",
    nodes: [
      { id: "monthly", type: "money", text: "t.household", save: "monthlyIncomeKrw", per: "month", next: "yearly" },
      { id: "yearly", type: "money", text: "t.debtTotal", save: "annualIncomeKrw", per: "year", next: "result" },
      { id: "result", type: "end", text: "t.result", offer: "none" },
    ],
  }, { locales: miniLocales() });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return createEngineContext(parsed.flow, (facts: CaseFacts) => facts, miniLabels);
}

const ctx = incomeContext();

function run(inputs: string[], lang: Lang = "ko"): Step<CaseFacts> {
  let step = startConversation(ctx, lang, NOW);
  for (const text of inputs) step = continueConversation(ctx, step.state, { text }, NOW);
  return step;
}

describe("continueConversation with an amount in another period", () => {
  it.each(["한 달에 100만원 정도요", "월 100", "매달 100", "매월 100만원", "한 달 100만원쯤 벌어요"])(
    "when %p is typed at the yearly question, then 12 times it is saved and a note says so before the next turn",
    (text) => {
      const step = run(["300만원", text]);
      expect(step.state.facts.annualIncomeKrw).toBe(12_000_000);
      expect(step.turn.messages[0]).toEqual({ key: "engine.note.monthToYear", params: { monthly: "100만원", yearly: "1,200만원" } });
      expect(step.turn.messages.at(-1)?.key).toBe("t.result");
    },
  );

  it("when the conversation is in English, then the note's amounts are written in English", () => {
    const step = run(["3 million", "1 million a month"], "en");
    expect(step.state.facts.annualIncomeKrw).toBe(12_000_000);
    expect(step.turn.messages[0]).toEqual({ key: "engine.note.monthToYear", params: { monthly: "1 million won", yearly: "12 million won" } });
  });

  it.each<[string, number, string, string]>([
    ["연봉 3600", 3_000_000, "300만원", "3,600만원"],
    ["1년에 3천", 2_500_000, "250만원", "3,000만원"],
    ["1년에 1억", 8_330_000, "833만원", "1억원"],
  ])("when %p is typed at the monthly question, then a twelfth to the nearest 만원 is saved with a note", (text, monthly, shownMonthly, shownYearly) => {
    const step = run([text]);
    expect(step.state.facts.monthlyIncomeKrw).toBe(monthly);
    expect(step.turn.messages[0]).toEqual({ key: "engine.note.yearToMonth", params: { monthly: shownMonthly, yearly: shownYearly } });
    expect(step.state.nodeId).toBe("yearly");
  });

  it.each<[string, number]>([["3000만원", 30_000_000], ["3천", 30_000_000], ["없어요", 0], ["연봉 3천", 30_000_000]])(
    "when %p is typed at the yearly question in its own period, then it is saved as is with no note",
    (text, won) => {
      const step = run(["300", text]);
      expect(step.state.facts.annualIncomeKrw).toBe(won);
      expect(step.turn.messages.map((m) => m.key)).toEqual(["t.result"]);
    },
  );

  it("when the resident goes back after a converted answer, then the converted value is undone", () => {
    const chat = startChat("ko");
    chat.answer("consent", { tap: "agree" });
    chat.answer("safety_check", { tap: "no" });
    chat.answer("has_debt", { tap: "no" });
    chat.answer("household_size", "혼자");
    chat.answer("monthly_income", "연봉 3000");
    expect(chat.state.facts.monthlyIncomeKrw).toBe(2_500_000);
    expect(chat.say("뒤로").nodeId).toBe("monthly_income");
    expect(chat.state.facts.monthlyIncomeKrw).toBeUndefined();
  });
});
