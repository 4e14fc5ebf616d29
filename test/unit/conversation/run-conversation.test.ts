import { continueConversation, currentTurn, startConversation } from "../../../bot/conversation/run-conversation";
import { sessionStateSchema } from "../../../bot/conversation/session-state";
import type { MiniInput } from "../../support/mini-flow";
import { miniEngine, runMini } from "../../support/mini-flow";

const NOW = "2026-03-02T10:00:00+09:00";

const miniContext = miniEngine;

function run(inputs: MiniInput[]) {
  const ctx = miniContext();
  return { ctx, ...runMini(ctx, inputs, NOW) };
}

const keysOf = (step: { turn: { messages: Array<{ key: string }> } }) => step.turn.messages.map((m) => m.key);

describe("runConversation", () => {
  it("when a conversation starts, then it shows the greeting and the first question with yes/no options", () => {
    const { turn, state } = run([]);
    expect(keysOf({ turn })).toEqual(["t.hello", "t.consent"]);
    expect(turn.input.kind).toBe("choice");
    expect(turn.options.map((o) => o.id)).toEqual(["yes", "no"]);
    expect(state.flowVersion).toBe(3);
    expect(turn.progress.answered).toBe(0);
  });

  it("when consent is declined, then it ends without facts or evaluation", () => {
    const { turn, state } = run([{ text: "아니요" }]);
    expect(turn.done).toBe(true);
    expect(turn.offer).toBe("none");
    expect(turn.evaluation).toBeUndefined();
    expect(state.facts).toEqual({});
  });

  it("when a whole triage is answered by typing, then facts are saved and the end evaluates as of the Seoul date", () => {
    const step = run([
      { text: "네" }, { text: "응" }, { text: "1억 2천" }, { text: "1, 3" }, { text: "45일" }, { text: "네" },
      { text: "3명" }, { text: "1번" }, { text: "1년 반" }, { text: "고마워요" },
    ]);
    expect(step.turn.done).toBe(true);
    expect(step.turn.offer).toBe("booking");
    expect(step.state.facts).toEqual({
      totalDebtKrw: 120_000_000, creditorTypes: ["card", "unregistered_lender"], overdueDays: 45,
      illegalLending: { threats: true }, householdSize: 3, employment: "employed", employedMonths: 18,
    });
    expect(step.state.vars).toMatchObject({ consent: true, hasDebt: true, note: "고마워요", finished: true });
    expect(step.turn.evaluation?.asOf).toBe("2026-03-02");
    expect(step.turn.progress).toEqual({ answered: 10, estimatedTotal: 10 });
  });

  it("when the state is serialized and parsed back, then the conversation continues identically", () => {
    const first = run([{ text: "네" }, { text: "네" }]);
    const restored = sessionStateSchema.parse(JSON.parse(JSON.stringify(first.state)));
    const next = continueConversation(first.ctx, restored, { text: "350만원" }, NOW);
    expect(next.state.facts.totalDebtKrw).toBe(3_500_000);
  });

  it("when the answer does not parse, then it re-asks with a hint and keeps the state", () => {
    const before = run([{ text: "네" }, { text: "네" }]);
    const after = continueConversation(before.ctx, before.state, { text: "많아요" }, NOW);
    expect(after.state).toBe(before.state);
    expect(keysOf(after)).toEqual(["parse.money.invalid", "t.debtTotal"]);
    expect(after.turn.input).toEqual({ kind: "money", hint: { key: "t.moneyHint" } });
  });

  it("when an exclusive option is combined with others, then it re-asks", () => {
    const step = run([{ text: "네" }, { text: "네" }, { text: "500" }, { text: "1, 4" }]);
    expect(keysOf(step)[0]).toBe("engine.error.exclusiveOption");
    expect(step.state.nodeId).toBe("creditors");
  });

  it("when 'none of these' is chosen, then the fact is an empty list and the shark branch is skipped", () => {
    const step = run([{ text: "네" }, { text: "네" }, { text: "500" }, { optionId: "none" }, { text: "없어요" }]);
    expect(step.state.facts.creditorTypes).toEqual([]);
    expect(step.state.nodeId).toBe("household");
  });

  it("when a number is out of range, then it re-asks with the range", () => {
    const step = run([{ text: "네" }, { text: "아니요" }, { text: "15" }]);
    expect(step.turn.messages[0]).toEqual({ key: "engine.error.numberRange", params: { min: 1, max: 10 } });
    expect(step.state.facts.householdSize).toBeUndefined();
  });

  it("when the resident says back, then the last answer is undone and asked again", () => {
    const step = run([{ text: "네" }, { text: "네" }, { text: "500" }, { command: "back" }]);
    expect(step.state.nodeId).toBe("debt_total");
    expect(step.state.facts.totalDebtKrw).toBeUndefined();
    expect(step.state.answered).toBe(2);
    expect(keysOf(step)).toEqual(["engine.wentBack", "t.debtTotal"]);
  });

  it("when back is asked at the first question, then it says so and stays", () => {
    const step = run([{ command: "back" }]);
    expect(keysOf(step)).toEqual(["engine.nothingToUndo", "t.consent"]);
  });

  it("when the resident says start over, then everything is cleared", () => {
    const step = run([{ text: "네" }, { text: "네" }, { text: "500" }, { command: "restart" }]);
    expect(step.state.facts).toEqual({});
    expect(step.state.nodeId).toBe("consent");
    expect(keysOf(step)).toEqual(["engine.restarted", "t.hello", "t.consent"]);
  });

  it("when help or a person is asked, then the question stays and guidance is shown", () => {
    const help = run([{ text: "네" }, { text: "네" }, { command: "help" }]);
    expect(keysOf(help)).toEqual(["engine.help", "t.moneyHint", "t.debtTotal"]);
    const human = run([{ command: "human" }]);
    expect(keysOf(human)).toEqual(["engine.human", "t.consent"]);
  });

  it("when an answer is already known, then the question is skipped", () => {
    const ctx = miniContext();
    const started = startConversation(ctx, "ko", NOW);
    const primed = { ...started.state, facts: { totalDebtKrw: 1_000_000 } };
    const step = continueConversation(ctx, continueConversation(ctx, primed, { text: "네" }, NOW).state, { text: "네" }, NOW);
    expect(step.state.nodeId).toBe("creditors");
  });

  it("when the resident resumes, then the current question is shown again without changes", () => {
    const step = run([{ text: "네" }]);
    const turn = currentTurn(step.ctx, step.state);
    expect(turn.messages.map((m) => m.key)).toEqual(["t.hasDebt"]);
  });

  it("when branches are skipped, then the estimate shrinks and never falls below the answers", () => {
    const start = run([{ text: "네" }]);
    const noDebt = continueConversation(start.ctx, start.state, { text: "아니요" }, NOW);
    expect(noDebt.turn.progress.estimatedTotal).toBeLessThan(start.turn.progress.estimatedTotal);
    const inputs: Array<{ text: string }> = [{ text: "네" }, { text: "네" }, { text: "500" }, { text: "1" }, { text: "0" }, { text: "2" }];
    const ctx = miniContext();
    let step = startConversation(ctx, "ko", NOW);
    for (const input of inputs) {
      step = continueConversation(ctx, step.state, input, NOW);
      expect(step.turn.progress.estimatedTotal).toBeGreaterThanOrEqual(step.turn.progress.answered);
    }
  });

  it("when the flow is done, then more input only says so", () => {
    const step = run([{ text: "아니요" }, { text: "네" }]);
    expect(keysOf(step)[0]).toBe("engine.alreadyDone");
    expect(step.turn.done).toBe(true);
  });

  it("when the input is an unknown option id or empty text, then it re-asks without throwing", () => {
    expect(keysOf(run([{ optionId: "bogus" }]))[0]).toBe("engine.error.unknownOption");
    expect(keysOf(run([{ text: "" }]))[0]).toBe("engine.error.chooseOption");
    const long = run([{ text: "네" }, { text: "아니요" }, { text: "2" }, { text: "2" }, { text: "x".repeat(2000) }]);
    expect(long.turn.messages[0]).toEqual({ key: "engine.error.tooLong", params: { max: 20 } });
  });
});
