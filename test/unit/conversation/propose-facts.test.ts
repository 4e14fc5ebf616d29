import type { Step } from "../../../bot/conversation/run-conversation";
import { currentTurn, isNotAnAnswer, proposeFacts } from "../../../bot/conversation/run-conversation";
import { sessionStateSchema } from "../../../bot/conversation/session-state";
import { CONFIRM_OPTION_IDS } from "../../../bot/extract/confirm-proposal";
import { extractFacts } from "../../../bot/extract/extract-facts";
import type { MiniInput, MiniResult } from "../../support/mini-flow";
import { miniEngine, runMini } from "../../support/mini-flow";

const NOW = "2026-03-02T10:00:00+09:00";
const LATER = "2026-03-02T10:05:00+09:00";
const STORY = "카드값 3천 밀린 지 넉 달이고 사채도 50 빌렸는데 협박 문자가 와요";
const STORY_FACTS = extractFacts(STORY).facts;

type Result = MiniResult;
const ctx = miniEngine();

function run(inputs: MiniInput[], from?: Step<Result>): Step<Result> {
  return runMini(ctx, inputs, NOW, from);
}

/** Past consent, at the has-debt question, with the story proposed. */
function proposedAtHasDebt(): { before: Step<Result>; proposed: Step<Result> } {
  const before = run([{ text: "네" }]);
  return { before, proposed: proposeFacts(ctx, before.state, STORY_FACTS, LATER) };
}

const keysOf = (step: Step<Result>) => step.turn.messages.map((m) => m.key);
const question = (step: Step<Result>) => keysOf(step).at(-1);

describe("proposeFacts", () => {
  it("when a story is proposed, then the turn lists the facts with yes / fix and the facts stay unchanged", () => {
    const { before, proposed } = proposedAtHasDebt();
    expect(keysOf(proposed)).toEqual([
      "flow.extract.intro", "flow.extract.fact.totalDebt", "flow.extract.fact.overdueDays", "flow.extract.fact.loanReceived",
      "flow.extract.fact.threats", "flow.extract.creditor.card", "flow.extract.creditor.unregistered_lender", "flow.extract.question",
    ]);
    expect(proposed.turn.messages[2]).toEqual({ key: "flow.extract.fact.overdueDays", params: { days: 120, months: 4 } });
    expect(proposed.turn.options.map((o) => o.id)).toEqual([CONFIRM_OPTION_IDS.confirm, CONFIRM_OPTION_IDS.fix]);
    expect(proposed.turn.input.kind).toBe("choice");
    expect(proposed.state.facts).toEqual(before.state.facts);
    expect(proposed.state.nodeId).toBe("has_debt");
    expect(proposed.state.pendingFacts?.facts).toEqual(STORY_FACTS);
    expect(proposed.state.updatedAt).toBe(LATER);
    expect(sessionStateSchema.parse(JSON.parse(JSON.stringify(proposed.state)))).toEqual(proposed.state);
  });

  it("when the conversation is resumed with a proposal pending, then the confirmation is shown again", () => {
    const { proposed } = proposedAtHasDebt();
    expect(currentTurn(ctx, proposed.state)).toEqual(proposed.turn);
  });

  it("when the resident confirms, then the facts are merged and answered questions are skipped", () => {
    const { proposed } = proposedAtHasDebt();
    const confirmed = run([{ text: "네" }], proposed);
    expect(confirmed.state.facts).toEqual(STORY_FACTS);
    expect(confirmed.state.pendingFacts).toBeUndefined();
    expect(keysOf(confirmed)).toEqual(["flow.extract.confirmed", "t.hasDebt"]);
    // has-debt is a session variable the story cannot set; after it, amount, creditors, overdue and threats are known.
    const next = run([{ optionId: "yes" }], confirmed);
    expect(question(next)).toBe("t.household");
    expect(next.state.facts).toEqual(STORY_FACTS);
  });

  it("when the resident taps yes, then it confirms like a typed yes", () => {
    const { proposed } = proposedAtHasDebt();
    expect(run([{ optionId: CONFIRM_OPTION_IDS.confirm }], proposed).state.facts).toEqual(STORY_FACTS);
  });

  it.each([
    ["taps fix", { optionId: CONFIRM_OPTION_IDS.fix }],
    ["types 수정", { text: "수정" }],
    ["says no", { text: "아니요" }],
    ["says something else", { text: "음..." }],
  ])("when the resident %s, then the proposal is dropped and the same question is asked", (_how, input) => {
    const { before, proposed } = proposedAtHasDebt();
    const dropped = run([input], proposed);
    expect(dropped.state.facts).toEqual(before.state.facts);
    expect(dropped.state.pendingFacts).toBeUndefined();
    expect(keysOf(dropped)).toEqual(["flow.extract.dropped", "t.hasDebt"]);
    expect(dropped.turn.options.map((o) => o.id)).toEqual(["yes", "no"]);
  });

  it("when a command is given with a proposal pending, then help keeps it, back and restart drop it", () => {
    const { proposed } = proposedAtHasDebt();
    const help = run([{ command: "help" }], proposed);
    expect(keysOf(help)[0]).toBe("engine.help");
    expect(help.state.pendingFacts).toEqual(proposed.state.pendingFacts);
    expect(question(help)).toBe("flow.extract.question");
    const back = run([{ command: "back" }], proposed);
    expect(back.state.pendingFacts).toBeUndefined();
    expect(question(back)).toBe("t.consent");
    const restart = run([{ command: "restart" }], proposed);
    expect(restart.state.pendingFacts).toBeUndefined();
    expect(restart.state.facts).toEqual({});
  });

  it("when back follows a confirmation, then the merged facts are undone", () => {
    const { before, proposed } = proposedAtHasDebt();
    const back = run([{ text: "네" }, { command: "back" }], proposed);
    expect(back.state.facts).toEqual(before.state.facts);
    expect(question(back)).toBe("t.hasDebt");
  });

  it("when some facts are already answered, then only the unknown ones are proposed and answers win", () => {
    const atCreditors = run([{ text: "네" }, { text: "네" }, { text: "1억" }]);
    expect(question(atCreditors)).toBe("t.creditors");
    const proposed = proposeFacts(ctx, atCreditors.state, STORY_FACTS, NOW);
    expect(keysOf(proposed)).not.toContain("flow.extract.fact.totalDebt");
    expect(proposed.state.pendingFacts?.items).not.toContain("totalDebtKrw");
    const confirmed = run([{ text: "네" }], proposed);
    expect(confirmed.state.facts.totalDebtKrw).toBe(100_000_000);
    expect(confirmed.state.facts.overdueDays).toBe(120);
    expect(question(confirmed)).toBe("t.household");
  });

  it("when nothing in the story is new, then nothing is pending and the question stays", () => {
    const { proposed } = proposedAtHasDebt();
    const confirmed = run([{ text: "네" }], proposed);
    const again = proposeFacts(ctx, confirmed.state, STORY_FACTS, LATER);
    expect(again.state).toEqual(confirmed.state);
    expect(keysOf(again)).toEqual(["t.hasDebt"]);
  });
});

describe("isNotAnAnswer", () => {
  const atHasDebt = run([{ text: "네" }]).state;

  it("when the text answers the question or is a tap, then it is not a story", () => {
    expect(isNotAnAnswer(ctx, atHasDebt, { text: "네" })).toBe(false);
    expect(isNotAnAnswer(ctx, atHasDebt, { optionId: "yes" })).toBe(false);
    expect(isNotAnAnswer(ctx, atHasDebt, { text: "  " })).toBe(false);
  });

  it("when the text is no answer to the question, then it may be a story, unless a proposal is pending", () => {
    expect(isNotAnAnswer(ctx, atHasDebt, { text: STORY })).toBe(true);
    const { proposed } = proposedAtHasDebt();
    expect(isNotAnAnswer(ctx, proposed.state, { text: STORY })).toBe(false);
  });

  it("when a money question gets an amount, then it is an answer", () => {
    const atTotal = run([{ text: "네" }, { text: "네" }]).state;
    expect(isNotAnAnswer(ctx, atTotal, { text: "350만원" })).toBe(false);
  });
});
