import { createEngineContext } from "../../../bot/conversation/engine-context";
import type { Step } from "../../../bot/conversation/run-conversation";
import { continueConversation, startConversation } from "../../../bot/conversation/run-conversation";
import { sessionStateSchema } from "../../../bot/conversation/session-state";
import type { CaseFacts } from "../../../flows/schema/case-facts";
import { parseFlow } from "../../../flows/load-flows";
import { startChat } from "../../support/flow-harness";
import { miniFlowData, miniLabels, miniLocales } from "../../support/mini-flow";

const NOW = "2026-03-02T10:00:00+09:00";
type Result = { facts: CaseFacts };
type Input = { text: string } | { optionId: string };

function contextOf(data: unknown, locales = miniLocales()) {
  const parsed = parseFlow(data, { locales });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return createEngineContext(parsed.flow, (facts: CaseFacts): Result => ({ facts }), miniLabels);
}

function runOn(ctx: ReturnType<typeof contextOf>, inputs: Input[]): Step<Result> {
  let step = startConversation(ctx, "ko", NOW);
  for (const input of inputs) step = continueConversation(ctx, step.state, input, NOW);
  return step;
}

const keysOf = (step: Step<Result>) => step.turn.messages.map((m) => m.key);

/**
 * A flow that can come back to a question: the amount is skippable, the "again?" question is
 * not (so the loop needs input and the loader accepts it). "몰라요" at has_debt leads to
 * `unsure`, by onUnknown.
 */
function loopFlow(): unknown {
  return {
    id: "loop", version: 1, start: "has_debt",
    nodes: [
      { id: "has_debt", type: "yes_no", text: "t.hasDebt", save: "vars.hasDebt", onYes: "amount", onNo: "result", onUnknown: "unsure" },
      { id: "unsure", type: "message", text: "t.note", next: "amount" },
      { id: "amount", type: "money", text: "t.debtTotal", save: "totalDebtKrw", next: "again" },
      { id: "again", type: "yes_no", text: "t.threats", save: "vars.again", skipWhenKnown: false, onYes: "amount", onNo: "result" },
      { id: "result", type: "end", text: "t.result", offer: "none" },
    ],
  };
}

describe("continueConversation with 'don't know'", () => {
  const mini = contextOf(miniFlowData());

  it.each(["몰라요", "모르겠어요", "잘 몰라요", "기억 안 나요", "I don't know", "not sure"])(
    "when the resident types %p at an amount, then the fact stays missing, the question is marked unknown and the walk goes on",
    (text) => {
      const step = runOn(mini, [{ text: "네" }, { text: "네" }, { text }]);
      expect(step.state.nodeId).toBe("creditors");
      expect(step.state.facts.totalDebtKrw).toBeUndefined();
      expect(step.state.unknown).toEqual(["debt_total"]);
      expect(step.turn.progress.answered).toBe(3);
      expect(sessionStateSchema.parse(JSON.parse(JSON.stringify(step.state)))).toEqual(step.state);
    },
  );

  it("when the resident answers 'don't know' at a duration, a count and a choice, then each fact stays missing and none is asked again", () => {
    const step = runOn(mini, [
      { text: "네" }, { text: "네" }, { text: "1억" }, { text: "사채" }, { text: "기억 안 나요" }, { text: "네" }, { text: "모르겠어요" }, { text: "몰라요" },
    ]);
    expect(step.state.nodeId).toBe("note");
    expect(step.state.facts).toEqual({ totalDebtKrw: 100_000_000, creditorTypes: ["unregistered_lender"], illegalLending: { threats: true } });
    expect(step.state.unknown).toEqual(["overdue", "household", "employment"]);
  });

  it("when the resident goes back over a 'don't know', then it is undone with the answer", () => {
    const chat = startChat("ko");
    chat.answer("consent", { tap: "agree" });
    chat.answer("safety_check", { tap: "no" });
    chat.answer("has_debt", { tap: "yes" });
    chat.answer("total_debt", "몰라요");
    expect(chat.state.unknown).toEqual(["total_debt"]);
    expect(chat.say("뒤로").nodeId).toBe("total_debt");
    expect(chat.state.unknown).toBeUndefined();
    chat.answer("total_debt", "300만원");
    expect(chat.state.facts.totalDebtKrw).toBe(3_000_000);
    expect(chat.state.unknown).toBeUndefined();
  });

  it("when a question answered 'don't know' is reached again, then it is not asked again", () => {
    const loop = contextOf(loopFlow());
    const first = runOn(loop, [{ text: "네" }, { text: "몰라요" }]);
    expect(first.state.nodeId).toBe("again");
    const again = continueConversation(loop, first.state, { text: "네" }, NOW);
    expect(again.state.nodeId).toBe("again");
    expect(again.state.facts.totalDebtKrw).toBeUndefined();
  });

  it("when the question names where 'don't know' leads, then the walk goes there and the fact stays missing", () => {
    const loop = contextOf(loopFlow());
    const step = runOn(loop, [{ text: "잘 모르겠어요" }]);
    expect(keysOf(step)).toEqual(["t.note", "t.debtTotal"]);
    expect(step.state.vars.hasDebt).toBeUndefined();
    expect(step.state.unknown).toEqual(["has_debt"]);
  });

  it("when a yes/no question has no way for 'don't know', then it takes the no path without saving a no", () => {
    const step = runOn(mini, [{ text: "몰라요" }]);
    expect(step.turn.done).toBe(true);
    expect(step.state.vars.consent).toBeUndefined();
  });

  it("when a state stored before 'don't know' existed is read back, then it still parses", () => {
    const step = runOn(mini, [{ text: "네" }, { text: "네" }, { text: "300만원" }]);
    const { unknown: _unknown, ...old } = step.state;
    const stored = JSON.parse(JSON.stringify({ ...old, history: old.history.map(({ unknown: _u, ...snapshot }) => snapshot) }));
    expect(sessionStateSchema.safeParse(stored).success).toBe(true);
    const next = continueConversation(mini, sessionStateSchema.parse(stored), { text: "카드" }, NOW);
    expect(next.state.facts.creditorTypes).toEqual(["card"]);
  });
});
